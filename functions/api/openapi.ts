/**
 * Routes declared once for both Hono and the OpenAPI 3.1 document: a route's zod schemas validate
 * its path, query and JSON body before the handler runs, and describe them in `/openapi.json`.
 *
 * Written here on zod 4's own JSON Schema output rather than taken from @hono/zod-openapi: that
 * package hands zod's whole namespace, every locale included, to its OpenAPI extension, which was
 * 350 KB of the API's Lambda bundle (`npm run bundle-report`).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import type { ApiEnv } from './context.ts';
import { readJson } from './route-kit.ts';

export type InputTarget = 'param' | 'query' | 'json';

/** One response of a route: its description and, for a JSON body, a named schema. */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'put';
  /** OpenAPI path template, `/cases/{caseId}`. */
  path: string;
  tags: string[];
  summary: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  /** Runs before validation (authorisation: a stranger learns nothing from a validation error). */
  middleware?: MiddlewareHandler<ApiEnv>;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /**
   * The JSON body. Validated here unless `validatedByHandler` (the application, whose rules depend
   * on the case); the schema is documented either way.
   */
  body?: { schema: z.ZodType; description?: string; validatedByHandler?: boolean };
  responses: Record<number, RouteResponse>;
}

/** What the app answers when a route's input fails its schema. */
export type InvalidInputHook = (
  c: Context<ApiEnv>,
  target: InputTarget,
  error: z.ZodError,
  input: unknown,
) => Response;

/** The document's components: named schemas (every request and response body is one) and security. */
export interface Components {
  schemas: Record<string, z.ZodType>;
  securitySchemes: Record<string, unknown>;
}

const COMPONENT_REF = (id: string) => `#/components/schemas/${id}`;

/** A repeated query parameter stays a list, so a schema expecting one value refuses it. */
const singleValues = (query: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(query).map(([key, values]) => [key, values.length === 1 ? values[0] : values]),
  );

/** `/cases/{caseId}` → `/cases/:caseId`. */
const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

export class ApiRouter {
  private readonly routes: ApiRoute[] = [];

  constructor(
    private readonly app: Hono<ApiEnv>,
    private readonly onInvalid: InvalidInputHook,
  ) {}

  /** Adds a route to the app (middleware → validation → handler) and to the document. */
  add(route: ApiRoute, handler: (c: Context<ApiEnv>) => Promise<Response>): void {
    this.routes.push(route);
    const validate: MiddlewareHandler<ApiEnv> = async (c, next) => {
      const inputs: Array<[InputTarget, z.ZodType | undefined, () => unknown]> = [
        ['param', route.params, () => c.req.param()],
        ['query', route.query, () => singleValues(c.req.queries())],
        ['json', route.body?.validatedByHandler ? undefined : route.body?.schema, () => readJson(c)],
      ];
      for (const [target, schema, read] of inputs) {
        if (!schema) continue;
        const input = await read();
        const result = await schema.safeParseAsync(input);
        if (!result.success) return this.onInvalid(c, target, result.error, input);
        c.req.addValidatedData(target, result.data as never);
      }
      await next();
    };
    const path = honoPath(route.path);
    if (route.middleware) this.app.on(route.method.toUpperCase(), path, route.middleware);
    this.app.on(route.method.toUpperCase(), path, validate, handler);
  }

  /** The OpenAPI 3.1 document for every route added so far. */
  document(info: { title: string; version: string; description?: string }, components: Components) {
    const registry = z.registry<{ id: string }>();
    for (const [id, schema] of Object.entries(components.schemas)) registry.add(schema, { id });
    const schemaOf = (route: ApiRoute, schema: z.ZodType) => {
      const id = registry.get(schema)?.id;
      if (id) return { $ref: COMPONENT_REF(id) };
      throw new Error(`A ${route.method.toUpperCase()} ${route.path} body schema is not a named component`);
    };
    const parameters = (where: 'path' | 'query', object: z.ZodObject | undefined) =>
      Object.entries(object?.shape ?? {}).map(([name, field]) => ({
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(field as z.ZodType),
      }));
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.routes) {
      const params = [...parameters('path', route.params), ...parameters('query', route.query)];
      paths[route.path] ??= {};
      (paths[route.path] as Record<string, unknown>)[route.method] = {
        tags: route.tags,
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        ...(route.security ? { security: route.security } : {}),
        ...(params.length > 0 ? { parameters: params } : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                ...(route.body.description ? { description: route.body.description } : {}),
                content: { 'application/json': { schema: schemaOf(route, route.body.schema) } },
              },
            }
          : {}),
        responses: Object.fromEntries(
          Object.entries(route.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema
                ? { content: { 'application/json': { schema: schemaOf(route, response.schema) } } }
                : {}),
            },
          ]),
        ),
      };
    }
    const { schemas } = z.toJSONSchema(registry, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
      uri: COMPONENT_REF,
    });
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, component(schema)])),
        securitySchemes: components.securitySchemes,
      },
    };
  }
}

/** One schema as JSON Schema for a parameter (what a client sends: the input side). */
function jsonSchema(schema: z.ZodType) {
  return component(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
}

/** Without the dialect and id zod adds to a standalone schema: inside the document they are implied. */
function component(schema: Record<string, unknown>) {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}
