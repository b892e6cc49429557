import type { UploadedFile } from './multipart.middleware';
import type { StoredAttachment } from './sandbox.types';

interface StoredFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/** Bytes of uploaded attachments, served back at /_sandbox/files/{id} (the attachment's url). */
export class SandboxFiles {
  private readonly files = new Map<string, StoredFile>();
  private nextId = 1;

  save(file: UploadedFile, origin: string): StoredAttachment {
    const id = String(this.nextId++);
    this.files.set(id, { name: file.name, type: file.type || 'application/octet-stream', bytes: file.bytes });
    return { id, name: file.name, url: `${origin}/_sandbox/files/${id}/${encodeURIComponent(file.name)}` };
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  clear(): void {
    this.files.clear();
    this.nextId = 1;
  }
}
