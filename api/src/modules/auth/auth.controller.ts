import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CreatedToken, Session, SessionAnswer } from '../../contract/auth.contract';
import { ClientIp, CurrentUser, Public, type AuthUser } from '../../common/auth.decorators';
import { AuthService } from './auth.service';
import { CreateTokenDto } from './dto/create-token.dto';
import { LoginDto } from './dto/login.dto';
import { OptionalUser, SessionOptional } from './optional-session.decorator';
import { SessionCookie } from './session-cookie';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: SessionCookie,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  async login(@Body() body: LoginDto, @ClientIp() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Session> {
    return this.auth.login(body.email, body.password, ip).then(({ secret, session }) => this.cookie.set(reply, secret, session));
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest, @ClientIp() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    return this.auth.logout(user, this.cookie.read(request), ip).then(() => this.cookie.clear(reply));
  }

  @Get('session')
  @SessionOptional()
  session(@OptionalUser() user: AuthUser | undefined): Promise<SessionAnswer> {
    return this.auth.session(user);
  }

  @Post('tokens')
  createToken(@CurrentUser() user: AuthUser, @Body() body: CreateTokenDto, @ClientIp() ip: string): Promise<CreatedToken> {
    return this.auth.createToken(user, body.name, body.days ?? 90, ip);
  }
}
