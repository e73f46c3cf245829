import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from './request-errors.js';

/** For commands that take no fields: an absent or empty body; any field sent is named and refused. */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new RequestValidationFailed([{ field: '(body)', message: 'this request takes no body, or an empty JSON object' }]);
    }
    const fields = Object.keys(value);
    if (fields.length > 0) {
      throw new RequestValidationFailed(fields.map((field) => ({ field, message: `unknown field ${field}: this request takes no fields` })));
    }
    return {};
  }
}
