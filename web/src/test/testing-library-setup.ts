import { configure } from '@testing-library/react';

// Pages load lazily and fetch through TanStack Query; on a loaded 2-core CI machine the first render
// can take longer than testing-library's 1 s default for findBy*/waitFor, which made tests flaky.
configure({ asyncUtilTimeout: 5000 });
