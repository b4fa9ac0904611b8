import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { applyConstraints, constraintsOf, type SchemaNode } from './openapi-constraints.js';

/** A pipe that states, as a JSON Schema, the only values it lets through. */
export interface DocumentedPipe {
  schema: Record<string, unknown>;
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

const isDocumented = (pipe: unknown): pipe is DocumentedPipe =>
  (typeof pipe === 'function' || typeof pipe === 'object') &&
  pipe !== null &&
  typeof (pipe as Partial<DocumentedPipe>).schema === 'object';

type Constraints = ReturnType<typeof constraintsOf>;

/**
 * Parameters are documented with what validates them, read from the controllers' route metadata:
 * a path parameter with the schema of its pipe (UuidPipe, MeasureCodePipe, …), a query parameter
 * with the validators of its query DTO's property. So the document states exactly what the server
 * accepts.
 */
export function documentParameters(app: INestApplication, document: OpenAPIObject): void {
  const byHandler = new Map<string, Record<string, Record<string, unknown>>>();
  const queryByHandler = new Map<string, Constraints>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, RouteArgument>;
        const types = (Reflect.getMetadata('design:paramtypes', type.prototype, name) ?? []) as unknown[];
        const schemas: Record<string, Record<string, unknown>> = {};
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          if (kind === RouteParamtypes.PARAM && typeof arg.data === 'string') {
            const pipe = (arg.pipes ?? []).find(isDocumented);
            if (pipe) schemas[arg.data] = pipe.schema;
          } else if (
            kind === RouteParamtypes.QUERY &&
            arg.data === undefined &&
            typeof types[arg.index] === 'function'
          ) {
            queryByHandler.set(`${type.name}_${name}`, constraintsOf(types[arg.index] as new () => unknown));
          }
        }
        if (Object.keys(schemas).length) byHandler.set(`${type.name}_${name}`, schemas);
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as {
      operationId?: string;
      parameters?: { in: string; name: string; schema?: unknown }[];
    }[]) {
      const schemas = op?.operationId ? byHandler.get(op.operationId) : undefined;
      const query = op?.operationId ? queryByHandler.get(op.operationId) : undefined;
      for (const parameter of op?.parameters ?? []) {
        if (parameter.in === 'path' && schemas?.[parameter.name]) parameter.schema = schemas[parameter.name];
        if (parameter.in === 'query' && parameter.schema) {
          // A property with an initialiser and no annotation reflects as `Object`: its validators say what it is.
          const schema = parameter.schema as SchemaNode;
          if (schema.allOf?.some((s) => s.$ref?.endsWith('/Object'))) delete schema.allOf;
          for (const { keywords, each } of query?.get(parameter.name) ?? []) {
            applyConstraints(parameter.schema as SchemaNode, keywords, each);
          }
        }
      }
    }
  }
}
