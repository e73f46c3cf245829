import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CONSEQUENCE_ROUTER, ConsequenceRouter } from '../../application/scheduling/consequence-router.js';
import { ConsequenceScheduler, SCHEDULER_OPTIONS, type SchedulerOptions } from './consequence-scheduler.js';

/** The durable scheduler and the router case types register their scheduled commands with. */
@Global()
@Module({})
export class SchedulerModule {
  static forRoot(options: SchedulerOptions): DynamicModule {
    return {
      module: SchedulerModule,
      providers: [{ provide: SCHEDULER_OPTIONS, useValue: options }, { provide: CONSEQUENCE_ROUTER, useValue: new ConsequenceRouter() }, ConsequenceScheduler],
      exports: [CONSEQUENCE_ROUTER, ConsequenceScheduler],
    };
  }
}
