import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import {
  CreateTemplateDto,
  RenderTemplateDto,
  RenderedTemplateDto,
  TemplateListDto,
  TemplateListQueryDto,
  TemplateViewDto,
  UpdateTemplateDto,
  toTemplateView,
} from './templates.dto';
import { TemplatesService } from './templates.service';

const PLACEHOLDER_ERROR = 'VALIDATION_FAILED; TEMPLATE_UNKNOWN_PLACEHOLDER (lists `placeholders`)';

/** Bilingual response templates per workflow action (issue 5; README.md in this folder). */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({
    summary: 'The response templates, both languages, in workflow order (every role)',
    description: 'Inactive templates are listed for admins only, with includeInactive=true.',
  })
  @ApiOkResponse({ type: TemplateListDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  async list(@Query() q: TemplateListQueryDto, @CurrentPrincipal() who: Principal): Promise<TemplateListDto> {
    const includeInactive = who.role === 'admin' && q.includeInactive === true;
    return { data: (await this.templates.list({ action: q.action, includeInactive })).map(toTemplateView) };
  }

  @Get(':code')
  @ApiOperation({ summary: 'One template (inactive ones: admins only)' })
  @ApiOkResponse({ type: TemplateViewDto })
  @ApiNotFoundResponse({ description: 'TEMPLATE_NOT_FOUND' })
  async get(@Param('code') code: string, @CurrentPrincipal() who: Principal): Promise<TemplateViewDto> {
    return toTemplateView(await this.templates.get(code, who.role === 'admin'));
  }

  @Post(':code/render')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Fill a template in from a complaint the caller may see; nothing is stored or sent',
    description:
      'Fills trackingId, laporId, title, missionName, missionCode, receivedDate and today (dates in the ' +
      "mission's time zone and the chosen language). Placeholders left (e.g. targetInstitution) are " +
      'listed in `unfilled` for the handler to complete. Handlers and supervisors: own mission and its desks only.',
  })
  @ApiOkResponse({ type: RenderedTemplateDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({
    description: "TEMPLATE_NOT_FOUND; COMPLAINT_NOT_FOUND (also another mission's complaint)",
  })
  render(
    @Param('code') code: string,
    @Body() body: RenderTemplateDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<RenderedTemplateDto> {
    return this.templates.render(code, body, who);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a template (admins); it is never overwritten by re-seeding' })
  @ApiCreatedResponse({ type: TemplateViewDto })
  @ApiBadRequestResponse({ description: PLACEHOLDER_ERROR })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
  @ApiConflictResponse({ description: 'TEMPLATE_CODE_TAKEN' })
  async create(
    @Body() body: CreateTemplateDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<TemplateViewDto> {
    return toTemplateView(await this.templates.create(body, actorOf(who)));
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Edit titles, bodies or active (admins); retire a template with active=false',
    description: 'Marks the template adminEdited: re-seeding at boot never overwrites it again.',
  })
  @ApiOkResponse({ type: TemplateViewDto })
  @ApiBadRequestResponse({ description: PLACEHOLDER_ERROR })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
  @ApiNotFoundResponse({ description: 'TEMPLATE_NOT_FOUND' })
  async update(
    @Param('code') code: string,
    @Body() body: UpdateTemplateDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<TemplateViewDto> {
    return toTemplateView(await this.templates.update(code, body, actorOf(who)));
  }
}
