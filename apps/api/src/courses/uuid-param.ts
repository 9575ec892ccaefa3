import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalid, msg } from '@kindling/common';

/** A route parameter that must be a UUID (400 naming the parameter otherwise). */
export const UuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalid(msg('validation.uuid', { field: name })) }));
