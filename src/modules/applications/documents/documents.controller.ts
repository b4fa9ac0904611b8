import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { fieldError } from '../../../common/errors/app-error.js';
import { UuidPipe } from '../../../common/http/uuid.pipe.js';
import { AppConfig } from '../../../config/app-config.js';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import { ReceiptsService } from '../intake/receipts.service.js';
import { DocumentsService } from './documents.service.js';

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'judicial-document', description: "One of the measure version's requiredDocuments ids" })
  requiredDocumentId: string;
  @ApiProperty({ example: 'sentenza.pdf', description: 'The file name given, sanitised' }) fileName: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'], description: 'Detected from the content' })
  mediaType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ example: 'e3b0c442…', description: 'SHA-256 of the content, hex' }) sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

const DOCUMENT_ID = UuidPipe.named('documentId');
const VIEWERS = [Role.APPLICANT, Role.CAV_OPERATOR, Role.OPERATOR, Role.MANAGER] as const;

/**
 * RFC 6266: `attachment` with an ASCII fallback name (no quote, backslash or percent, which some
 * clients would decode) and the exact name in RFC 5987 form.
 */
const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\%]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

/** Documents of an application, and its receipt as a PDF. */
@ApiTags('applications')
@Controller('applications')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly receipts: ReceiptsService,
    private readonly config: AppConfig,
  ) {}

  @Post(':id/documents')
  @ApiErrors(409)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @ApiOperation({
    summary:
      'Upload a document (PDF, JPEG or PNG, recognised from the content): by the owner, while a draft or when integration is requested',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['requiredDocumentId', 'file'],
      properties: {
        requiredDocumentId: { type: 'string', example: 'judicial-document', maxLength: 1024 },
        file: {
          type: 'string',
          format: 'binary',
          maxLength: 10_485_760,
          description: 'PDF, JPEG or PNG, at most DOCUMENT_MAX_BYTES (10 MiB by default)',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  async upload(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Req() req: FastifyRequest) {
    if (!req.isMultipart()) {
      throw fieldError('UNSUPPORTED_MEDIA_TYPE', 'file', {
        it: 'Inviare il documento come multipart/form-data.',
        en: 'Send the document as multipart/form-data.',
      });
    }
    await this.documents.assertMayUpload(actor, id);
    let requiredDocumentId: string | undefined;
    let file: { name: string; bytes: Buffer } | undefined;
    try {
      const parts = req.parts({
        limits: { fileSize: this.config.DOCUMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 },
      });
      for await (const part of parts) {
        if (part.type === 'file') {
          if (part.fieldname === 'file' && !file) file = { name: part.filename, bytes: await part.toBuffer() };
          else part.file.resume();
        } else if (part.fieldname === 'requiredDocumentId') {
          requiredDocumentId = String(part.value);
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        const mib = (this.config.DOCUMENT_MAX_BYTES / 1_048_576).toFixed(1);
        throw fieldError('PAYLOAD_TOO_LARGE', 'file', {
          it: `Il documento supera la dimensione massima (${this.config.DOCUMENT_MAX_BYTES} byte, ${mib} MiB).`,
          en: `The document exceeds the maximum size (${this.config.DOCUMENT_MAX_BYTES} bytes, ${mib} MiB).`,
        });
      }
      throw error;
    }
    if (!file || file.bytes.length === 0) {
      throw fieldError('VALIDATION_FAILED', 'file', {
        it: 'Allegare un file non vuoto nel campo "file".',
        en: 'Attach a non-empty file in the "file" field.',
      });
    }
    return this.documents.upload(actor, id, requiredDocumentId, file.name, file.bytes);
  }

  @Get(':id/documents')
  @Allow(...VIEWERS)
  @ApiOperation({ summary: 'The documents of a case: its owner, or staff who may see it (sealed: reads recorded)' })
  @ApiOkResponse({ type: [DocumentDto] })
  list(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.documents.list(actor, id);
  }

  @Get(':id/documents/:documentId')
  @Allow(...VIEWERS)
  @ApiOperation({ summary: 'Download a document, with its detected content type (sealed: reads recorded)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('documentId', DOCUMENT_ID) documentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { document, bytes } = await this.documents.download(actor, id, documentId);
    reply.header('content-type', document.mediaType).header('content-disposition', attachment(document.fileName));
    return bytes;
  }

  @Delete(':id/documents/:documentId')
  @ApiErrors(409)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a document while the application is a draft (owner only)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentUser() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('documentId', DOCUMENT_ID) documentId: string,
  ) {
    await this.documents.remove(actor, id, documentId);
  }

  @Get(':id/receipt.pdf')
  @Allow(...VIEWERS)
  @ApiOperation({
    summary:
      'The art. 18-bis receipt as a PDF (protocol, time of receipt, office, deadline, document hashes; sealed: reads recorded)',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async receiptPdf(
    @CurrentUser() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { pdf, protocolNumber } = await this.receipts.receiptPdf(actor, id);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachment(`ricevuta-${protocolNumber}.pdf`));
    return pdf;
  }
}
