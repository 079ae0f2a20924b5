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

export interface ApiRoute<
  P extends z.ZodObject | undefined = z.ZodObject | undefined,
  Q extends z.ZodObject | undefined = z.ZodObject | undefined,
  B extends RouteBody | undefined = RouteBody | undefined,
> {
  method: 'get' | 'post' | 'put';
  /** OpenAPI path template, `/cases/{caseId}`. */
  path: string;
  tags: string[];
  summary: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  /** Runs before validation (authorisation: a stranger learns nothing from a validation error). */
  middleware?: MiddlewareHandler<ApiEnv>;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, RouteResponse>;
}

/**
 * The JSON body. Validated here unless `validatedByHandler` (the application, whose rules depend
 * on the case: the handler reads it with `readJson`); the schema is documented either way.
 */
export interface RouteBody {
  schema: z.ZodType;
  description?: string;
  validatedByHandler?: boolean;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A route's validated input, typed from its schemas: what the handler receives, so no handler
 * restates (or casts) what the route declares.
 */
export interface RouteInput<P, Q, B> {
  param: Parsed<P>;
  query: Parsed<Q>;
  json: B extends { validatedByHandler: true }
    ? undefined
    : B extends RouteBody
      ? Parsed<B['schema']>
      : undefined;
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

  /**
   * Adds a route to the app (middleware → validation → handler) and to the document. The handler
   * gets the input its schemas validated, typed from them.
   */
  add<
    P extends z.ZodObject | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    const B extends RouteBody | undefined = undefined,
  >(
    route: ApiRoute<P, Q, B>,
    handler: (c: Context<ApiEnv>, input: RouteInput<P, Q, B>) => Promise<Response>,
  ): void {
    this.routes.push(route);
    const validated: MiddlewareHandler<ApiEnv> = async (c) => {
      const sources: Array<[InputTarget, z.ZodType | undefined, () => unknown]> = [
        ['param', route.params, () => c.req.param()],
        ['query', route.query, () => singleValues(c.req.queries())],
        ['json', route.body?.validatedByHandler ? undefined : route.body?.schema, () => readJson(c)],
      ];
      const input: Partial<Record<InputTarget, unknown>> = {};
      for (const [target, schema, read] of sources) {
        if (!schema) continue;
        const raw = await read();
        const result = await schema.safeParseAsync(raw);
        if (!result.success) return this.onInvalid(c, target, result.error, raw);
        input[target] = result.data;
      }
      // The input object was filled from exactly the schemas RouteInput is typed from.
      return handler(c, input as RouteInput<P, Q, B>);
    };
    const path = honoPath(route.path);
    if (route.middleware) this.app.on(route.method.toUpperCase(), path, route.middleware);
    this.app.on(route.method.toUpperCase(), path, validated);
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
