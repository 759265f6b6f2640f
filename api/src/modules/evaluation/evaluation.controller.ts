import { Controller, Get, Query } from '@nestjs/common';
import type { StandardisedOutcomesResponse, StandardisedOutcomesTrendResponse, TrainingEvaluationResponse } from '../../contract/evaluation.contract';
import { CurrentUser, type AuthUser } from '../../common/auth.decorators';
import { StandardisedOutcomesQueryDto, StandardisedTrendQueryDto, TrainingEvaluationQueryDto } from './dto/evaluation-query.dto';
import { EvaluationService } from './evaluation.service';

@Controller()
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('evaluation/training')
  training(@CurrentUser() user: AuthUser, @Query() query: TrainingEvaluationQueryDto): Promise<TrainingEvaluationResponse> {
    return this.evaluation.training(user, query.area);
  }

  @Get('outcomes/standardised')
  standardised(@CurrentUser() user: AuthUser, @Query() query: StandardisedOutcomesQueryDto): Promise<StandardisedOutcomesResponse> {
    return this.evaluation.standardised(user, query.org, query.month);
  }

  @Get('outcomes/standardised/trend')
  standardisedTrend(@CurrentUser() user: AuthUser, @Query() query: StandardisedTrendQueryDto): Promise<StandardisedOutcomesTrendResponse> {
    return this.evaluation.standardisedTrend(user, query.org, query.from, query.to);
  }
}
