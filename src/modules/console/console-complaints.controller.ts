import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConsoleController } from './console.guard';

/** (being written) */
@ApiExcludeController()
@ConsoleController()
@Controller('console')
export class ConsoleComplaintsController {}
