import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendAsset } from '../../core/http/static-asset';
import { Public } from '../auth/auth.decorators';

/** The console's own files (copied to dist by nest-cli.json "assets"). */
export const CONSOLE_ASSETS_DIR = join(__dirname, 'assets');

/** Every file served, by its URL name: nothing else is reachable, so no URL reaches the file system. */
const FILES: Record<string, string> = {
  'console.css': join(CONSOLE_ASSETS_DIR, 'console.css'),
  'console.js': join(CONSOLE_ASSETS_DIR, 'console.js'),
};

@ApiExcludeController()
@Public()
@Controller('console/assets')
export class ConsoleAssetsController {
  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    sendAsset(res, FILES, file);
  }
}
