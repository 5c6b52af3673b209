/**
 * Generated from the OpenAPI document the API serves (lambdas/http/openapi.ts).
 * Do not edit: run `npm run generate:api -w @switchboard/dashboard`.
 */
export interface paths {
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenAPI description */
        get: operations["getApiV1OpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects (a project-scoped token sees only its projects)
         * @description Needs an API token with at least the reader role, globally or in some project.
         */
        get: operations["getApiV1Projects"];
        put?: never;
        /**
         * Create a project
         * @description Needs an API token with at least the admin role globally (project-scoped tokens are refused).
         */
        post: operations["postApiV1Projects"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a project
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProject"];
        put?: never;
        post?: never;
        /**
         * Delete a project
         * @description Needs an API token with at least the admin role, globally or in this project.
         */
        delete: operations["deleteApiV1ProjectsProject"];
        options?: never;
        head?: never;
        /**
         * Update a project
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        patch: operations["patchApiV1ProjectsProject"];
        trace?: never;
    };
    "/api/v1/projects/{project}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List environments
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironments"];
        put?: never;
        /**
         * Create an environment
         * @description Needs an API token with at least the admin role, globally or in this project.
         */
        post: operations["postApiV1ProjectsProjectEnvironments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an environment
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironmentsEnv"];
        put?: never;
        post?: never;
        /**
         * Delete an environment
         * @description Needs an API token with at least the admin role, globally or in this project.
         */
        delete: operations["deleteApiV1ProjectsProjectEnvironmentsEnv"];
        options?: never;
        head?: never;
        /**
         * Update an environment
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        patch: operations["patchApiV1ProjectsProjectEnvironmentsEnv"];
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate SDK keys
         * @description Needs an API token with at least the admin role, globally or in this project.
         */
        post: operations["postApiV1ProjectsProjectEnvironmentsEnvKeysRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List flags
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectFlags"];
        put?: never;
        /**
         * Create a flag
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        post: operations["postApiV1ProjectsProjectFlags"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a flag
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectFlagsFlag"];
        put?: never;
        post?: never;
        /**
         * Delete a flag
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        delete: operations["deleteApiV1ProjectsProjectFlagsFlag"];
        options?: never;
        head?: never;
        /**
         * Update a flag
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        patch: operations["patchApiV1ProjectsProjectFlagsFlag"];
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}/flags/{flag}/insights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Evaluation counts per variation per time bucket
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironmentsEnvFlagsFlagInsights"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List segments
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironmentsEnvSegments"];
        put?: never;
        /**
         * Create a segment
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        post: operations["postApiV1ProjectsProjectEnvironmentsEnvSegments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}/segments/{segment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a segment
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironmentsEnvSegmentsSegment"];
        put?: never;
        post?: never;
        /**
         * Delete a segment
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        delete: operations["deleteApiV1ProjectsProjectEnvironmentsEnvSegmentsSegment"];
        options?: never;
        head?: never;
        /**
         * Update a segment
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        patch: operations["patchApiV1ProjectsProjectEnvironmentsEnvSegmentsSegment"];
        trace?: never;
    };
    "/api/v1/projects/{project}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate every flag for a context
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        post: operations["postApiV1ProjectsProjectEnvironmentsEnvEvaluate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API tokens
         * @description Needs an API token with at least the admin role globally (project-scoped tokens are refused).
         */
        get: operations["getApiV1Tokens"];
        put?: never;
        /**
         * Create an API token
         * @description Needs an API token with at least the admin role globally (project-scoped tokens are refused).
         */
        post: operations["postApiV1Tokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API token
         * @description Needs an API token with at least the admin role globally (project-scoped tokens are refused).
         */
        delete: operations["deleteApiV1TokensToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling API token: id, name, role or per-project roles, expiry
         * @description Needs an API token with at least the reader role, globally or in some project.
         */
        get: operations["getApiV1Me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{token}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API token: a new secret, the old one expiring now or after an overlap
         * @description Needs an API token with at least the admin role globally (project-scoped tokens are refused).
         */
        post: operations["postApiV1TokensTokenRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the global audit log (API token creation, rotation, revocation)
         * @description Needs an API token with at least the admin role globally (project-scoped tokens are refused).
         */
        get: operations["getApiV1Audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Flag and segment snapshot for a server SDK */
        get: operations["getSdkV1Flags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/evaluate/{clientSideId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate client-side flags for a context */
        post: operations["postSdkV1EvaluateClientSideId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Analytics events (summary and custom) from a server SDK */
        post: operations["postSdkV1Events"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/events/{clientSideId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Analytics events (summary and custom) from a browser, by client-side id */
        post: operations["postSdkV1EventsClientSideId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}/flags/{flag}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery receipts: connections reached, SDKs that applied, latency per change
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironmentsEnvFlagsFlagDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                code: string;
                message: string;
                field?: string;
            };
        };
        Shared1: string | number | boolean | null | components["schemas"]["Shared1"][] | {
            [key: string]: components["schemas"]["Shared1"];
        };
        Shared2: string | number | boolean | null | components["schemas"]["Shared2"][] | {
            [key: string]: components["schemas"]["Shared2"];
        };
        Shared3: string | number | boolean | null | components["schemas"]["Shared3"][] | {
            [key: string]: components["schemas"]["Shared3"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiV1OpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1Projects: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            key: string;
                            name: string;
                            description: string;
                            tags: string[];
                            version: number;
                            createdAt: string;
                        }[];
                        cursor?: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1Projects: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    name: string;
                    /** @default  */
                    description?: string;
                    /** @default [] */
                    tags?: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        version: number;
                        createdAt: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        version: number;
                        createdAt: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiV1ProjectsProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiV1ProjectsProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                    path: string;
                    from?: string;
                    value?: components["schemas"]["Shared1"];
                }[] | {
                    comment?: string;
                    patch: {
                        /** @enum {string} */
                        op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                        path: string;
                        from?: string;
                        value?: components["schemas"]["Shared1"];
                    }[];
                } | {
                    comment?: string;
                    instructions: ({
                        kind: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        version: number;
                        createdAt: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale If-Match or concurrent change */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectEnvironments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            key: string;
                            name: string;
                            color: string;
                            clientSideId: string;
                            /** @description Browsers must send a hash of their context made by your server with the SDK key */
                            secureMode: boolean;
                            receipts?: {
                                /** @description SDKs acknowledge the flag changes they apply */
                                enabled: boolean;
                                /** @description Share of SDKs that acknowledge a change, above 0 and at most 1 */
                                sampleRate: number;
                            };
                            version: number;
                            createdAt: string;
                            sdkKeys: {
                                id: string;
                                last4: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1ProjectsProjectEnvironments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    name: string;
                    /** @default #3366ff */
                    color?: string;
                    /** @default false */
                    secureMode?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        color: string;
                        clientSideId: string;
                        /** @description Browsers must send a hash of their context made by your server with the SDK key */
                        secureMode: boolean;
                        receipts?: {
                            /** @description SDKs acknowledge the flag changes they apply */
                            enabled: boolean;
                            /** @description Share of SDKs that acknowledge a change, above 0 and at most 1 */
                            sampleRate: number;
                        };
                        version: number;
                        createdAt: string;
                        sdkKeys: {
                            id: string;
                            last4: string;
                            createdAt: string;
                            expiresAt?: string;
                        }[];
                        sdkKey: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectEnvironmentsEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        color: string;
                        clientSideId: string;
                        /** @description Browsers must send a hash of their context made by your server with the SDK key */
                        secureMode: boolean;
                        receipts?: {
                            /** @description SDKs acknowledge the flag changes they apply */
                            enabled: boolean;
                            /** @description Share of SDKs that acknowledge a change, above 0 and at most 1 */
                            sampleRate: number;
                        };
                        version: number;
                        createdAt: string;
                        sdkKeys: {
                            id: string;
                            last4: string;
                            createdAt: string;
                            expiresAt?: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiV1ProjectsProjectEnvironmentsEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiV1ProjectsProjectEnvironmentsEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                    path: string;
                    from?: string;
                    value?: components["schemas"]["Shared1"];
                }[] | {
                    comment?: string;
                    patch: {
                        /** @enum {string} */
                        op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                        path: string;
                        from?: string;
                        value?: components["schemas"]["Shared1"];
                    }[];
                } | {
                    comment?: string;
                    instructions: ({
                        kind: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        color: string;
                        clientSideId: string;
                        /** @description Browsers must send a hash of their context made by your server with the SDK key */
                        secureMode: boolean;
                        receipts?: {
                            /** @description SDKs acknowledge the flag changes they apply */
                            enabled: boolean;
                            /** @description Share of SDKs that acknowledge a change, above 0 and at most 1 */
                            sampleRate: number;
                        };
                        version: number;
                        createdAt: string;
                        sdkKeys: {
                            id: string;
                            last4: string;
                            createdAt: string;
                            expiresAt?: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale If-Match or concurrent change */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1ProjectsProjectEnvironmentsEnvKeysRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Hours during which the previous key keeps working; 0 revokes it at once
                     * @default 24
                     */
                    expiryHours?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        color: string;
                        clientSideId: string;
                        /** @description Browsers must send a hash of their context made by your server with the SDK key */
                        secureMode: boolean;
                        receipts?: {
                            /** @description SDKs acknowledge the flag changes they apply */
                            enabled: boolean;
                            /** @description Share of SDKs that acknowledge a change, above 0 and at most 1 */
                            sampleRate: number;
                        };
                        version: number;
                        createdAt: string;
                        sdkKeys: {
                            id: string;
                            last4: string;
                            createdAt: string;
                            expiresAt?: string;
                        }[];
                        sdkKey: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectFlags: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                tag?: string;
                kind?: "release" | "operational" | "experiment" | "permission";
                archived?: "true" | "false";
                q?: string;
            };
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            key: string;
                            name: string;
                            description: string;
                            tags: string[];
                            /** @enum {string} */
                            kind: "release" | "operational" | "experiment" | "permission";
                            temporary: boolean;
                            variations: {
                                value: components["schemas"]["Shared1"];
                                name?: string;
                                description?: string;
                            }[];
                            clientSideAvailability: {
                                usingEnvironmentId: boolean;
                                usingMobileKey: boolean;
                            };
                            maintainer: string | null;
                            archived: boolean;
                            version: number;
                            createdAt: string;
                            lastEvaluated: {
                                [key: string]: string;
                            };
                            environments: {
                                [key: string]: {
                                    on: boolean;
                                    version: number;
                                };
                            };
                        }[];
                        cursor?: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1ProjectsProjectFlags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    name: string;
                    /** @default  */
                    description?: string;
                    /** @default [] */
                    tags?: string[];
                    /**
                     * @default release
                     * @enum {string}
                     */
                    kind?: "release" | "operational" | "experiment" | "permission";
                    /** @default true */
                    temporary?: boolean;
                    /**
                     * @default [
                     *       {
                     *         "value": true
                     *       },
                     *       {
                     *         "value": false
                     *       }
                     *     ]
                     */
                    variations?: {
                        value: components["schemas"]["Shared1"];
                        name?: string;
                        description?: string;
                    }[];
                    /**
                     * @default {
                     *       "usingEnvironmentId": false,
                     *       "usingMobileKey": false
                     *     }
                     */
                    clientSideAvailability?: {
                        usingEnvironmentId: boolean;
                        usingMobileKey: boolean;
                    };
                    /** @default null */
                    maintainer?: string | null;
                    /** @description Variation served when on (fallthrough) and when off, in every environment; default first and last */
                    defaults?: {
                        onVariation: number;
                        offVariation: number;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        /** @enum {string} */
                        kind: "release" | "operational" | "experiment" | "permission";
                        temporary: boolean;
                        variations: {
                            value: components["schemas"]["Shared1"];
                            name?: string;
                            description?: string;
                        }[];
                        clientSideAvailability: {
                            usingEnvironmentId: boolean;
                            usingMobileKey: boolean;
                        };
                        maintainer: string | null;
                        archived: boolean;
                        version: number;
                        createdAt: string;
                        environments: {
                            [key: string]: {
                                on: boolean;
                                offVariation?: number | null;
                                targets: {
                                    values: string[];
                                    variation: number;
                                }[];
                                contextTargets: {
                                    contextKind: string;
                                    values: string[];
                                    variation: number;
                                }[];
                                rules: {
                                    id: string;
                                    description?: string;
                                    clauses: {
                                        contextKind?: string;
                                        attribute: string;
                                        op: string;
                                        values: components["schemas"]["Shared1"][];
                                        negate?: boolean;
                                    }[];
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                    trackEvents?: boolean;
                                }[];
                                fallthrough: {
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                };
                                prerequisites: {
                                    key: string;
                                    variation: number;
                                }[];
                                salt: string;
                                trackEvents: boolean;
                                trackEventsFallthrough: boolean;
                                version: number;
                            };
                        };
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectFlagsFlag: {
        parameters: {
            query?: {
                env?: string;
            };
            header?: never;
            path: {
                project: string;
                flag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        /** @enum {string} */
                        kind: "release" | "operational" | "experiment" | "permission";
                        temporary: boolean;
                        variations: {
                            value: components["schemas"]["Shared1"];
                            name?: string;
                            description?: string;
                        }[];
                        clientSideAvailability: {
                            usingEnvironmentId: boolean;
                            usingMobileKey: boolean;
                        };
                        maintainer: string | null;
                        archived: boolean;
                        version: number;
                        createdAt: string;
                        environments: {
                            [key: string]: {
                                on: boolean;
                                offVariation?: number | null;
                                targets: {
                                    values: string[];
                                    variation: number;
                                }[];
                                contextTargets: {
                                    contextKind: string;
                                    values: string[];
                                    variation: number;
                                }[];
                                rules: {
                                    id: string;
                                    description?: string;
                                    clauses: {
                                        contextKind?: string;
                                        attribute: string;
                                        op: string;
                                        values: components["schemas"]["Shared1"][];
                                        negate?: boolean;
                                    }[];
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                    trackEvents?: boolean;
                                }[];
                                fallthrough: {
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                };
                                prerequisites: {
                                    key: string;
                                    variation: number;
                                }[];
                                salt: string;
                                trackEvents: boolean;
                                trackEventsFallthrough: boolean;
                                version: number;
                            };
                        };
                        lastEvaluated: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiV1ProjectsProjectFlagsFlag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                flag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiV1ProjectsProjectFlagsFlag: {
        parameters: {
            query?: {
                env?: string;
            };
            header?: never;
            path: {
                project: string;
                flag: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                    path: string;
                    from?: string;
                    value?: components["schemas"]["Shared1"];
                }[] | {
                    comment?: string;
                    patch: {
                        /** @enum {string} */
                        op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                        path: string;
                        from?: string;
                        value?: components["schemas"]["Shared1"];
                    }[];
                } | {
                    comment?: string;
                    instructions: ({
                        kind: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        /** @enum {string} */
                        kind: "release" | "operational" | "experiment" | "permission";
                        temporary: boolean;
                        variations: {
                            value: components["schemas"]["Shared1"];
                            name?: string;
                            description?: string;
                        }[];
                        clientSideAvailability: {
                            usingEnvironmentId: boolean;
                            usingMobileKey: boolean;
                        };
                        maintainer: string | null;
                        archived: boolean;
                        version: number;
                        createdAt: string;
                        environments: {
                            [key: string]: {
                                on: boolean;
                                offVariation?: number | null;
                                targets: {
                                    values: string[];
                                    variation: number;
                                }[];
                                contextTargets: {
                                    contextKind: string;
                                    values: string[];
                                    variation: number;
                                }[];
                                rules: {
                                    id: string;
                                    description?: string;
                                    clauses: {
                                        contextKind?: string;
                                        attribute: string;
                                        op: string;
                                        values: components["schemas"]["Shared1"][];
                                        negate?: boolean;
                                    }[];
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                    trackEvents?: boolean;
                                }[];
                                fallthrough: {
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                };
                                prerequisites: {
                                    key: string;
                                    variation: number;
                                }[];
                                salt: string;
                                trackEvents: boolean;
                                trackEventsFallthrough: boolean;
                                version: number;
                            };
                        };
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale If-Match or concurrent change */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectEnvironmentsEnvFlagsFlagInsights: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                granularity?: "minute" | "hour";
            };
            header?: never;
            path: {
                project: string;
                env: string;
                flag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flag: string;
                        environment: string;
                        /** @enum {string} */
                        granularity: "minute" | "hour";
                        from: string;
                        to: string;
                        buckets: {
                            start: string;
                            counts: {
                                [key: string]: number;
                            };
                            total: number;
                        }[];
                        totals: {
                            [key: string]: number;
                        };
                        total: number;
                        lastEvaluated: string | null;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectEnvironmentsEnvSegments: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            key: string;
                            name: string;
                            description: string;
                            tags: string[];
                            included: string[];
                            excluded: string[];
                            includedContexts: {
                                contextKind: string;
                                values: string[];
                            }[];
                            excludedContexts: {
                                contextKind: string;
                                values: string[];
                            }[];
                            rules: {
                                id: string;
                                clauses: {
                                    contextKind?: string;
                                    attribute: string;
                                    op: string;
                                    values: components["schemas"]["Shared1"][];
                                    negate?: boolean;
                                }[];
                                weight?: number;
                                bucketBy?: string;
                                rolloutContextKind?: string;
                            }[];
                            unbounded: boolean;
                            salt: string;
                            version: number;
                        }[];
                        cursor?: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1ProjectsProjectEnvironmentsEnvSegments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    name: string;
                    /** @default  */
                    description?: string;
                    /** @default [] */
                    tags?: string[];
                    /** @default [] */
                    included?: string[];
                    /** @default [] */
                    excluded?: string[];
                    /** @default [] */
                    includedContexts?: {
                        contextKind: string;
                        values: string[];
                    }[];
                    /** @default [] */
                    excludedContexts?: {
                        contextKind: string;
                        values: string[];
                    }[];
                    /** @default [] */
                    rules?: {
                        id: string;
                        clauses: {
                            contextKind?: string;
                            attribute: string;
                            op: string;
                            values: components["schemas"]["Shared1"][];
                            negate?: boolean;
                        }[];
                        weight?: number;
                        bucketBy?: string;
                        rolloutContextKind?: string;
                    }[];
                    /** @default false */
                    unbounded?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        included: string[];
                        excluded: string[];
                        includedContexts: {
                            contextKind: string;
                            values: string[];
                        }[];
                        excludedContexts: {
                            contextKind: string;
                            values: string[];
                        }[];
                        rules: {
                            id: string;
                            clauses: {
                                contextKind?: string;
                                attribute: string;
                                op: string;
                                values: components["schemas"]["Shared1"][];
                                negate?: boolean;
                            }[];
                            weight?: number;
                            bucketBy?: string;
                            rolloutContextKind?: string;
                        }[];
                        unbounded: boolean;
                        salt: string;
                        version: number;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectEnvironmentsEnvSegmentsSegment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
                segment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        included: string[];
                        excluded: string[];
                        includedContexts: {
                            contextKind: string;
                            values: string[];
                        }[];
                        excludedContexts: {
                            contextKind: string;
                            values: string[];
                        }[];
                        rules: {
                            id: string;
                            clauses: {
                                contextKind?: string;
                                attribute: string;
                                op: string;
                                values: components["schemas"]["Shared1"][];
                                negate?: boolean;
                            }[];
                            weight?: number;
                            bucketBy?: string;
                            rolloutContextKind?: string;
                        }[];
                        unbounded: boolean;
                        salt: string;
                        version: number;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiV1ProjectsProjectEnvironmentsEnvSegmentsSegment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
                segment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiV1ProjectsProjectEnvironmentsEnvSegmentsSegment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
                segment: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                    path: string;
                    from?: string;
                    value?: components["schemas"]["Shared1"];
                }[] | {
                    comment?: string;
                    patch: {
                        /** @enum {string} */
                        op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                        path: string;
                        from?: string;
                        value?: components["schemas"]["Shared1"];
                    }[];
                } | {
                    comment?: string;
                    instructions: ({
                        kind: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        tags: string[];
                        included: string[];
                        excluded: string[];
                        includedContexts: {
                            contextKind: string;
                            values: string[];
                        }[];
                        excludedContexts: {
                            contextKind: string;
                            values: string[];
                        }[];
                        rules: {
                            id: string;
                            clauses: {
                                contextKind?: string;
                                attribute: string;
                                op: string;
                                values: components["schemas"]["Shared1"][];
                                negate?: boolean;
                            }[];
                            weight?: number;
                            bucketBy?: string;
                            rolloutContextKind?: string;
                        }[];
                        unbounded: boolean;
                        salt: string;
                        version: number;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale If-Match or concurrent change */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectAudit: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                flag?: string;
                env?: string;
            };
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            project: string;
                            time: string;
                            actor: {
                                id: string;
                                name: string;
                            };
                            /** @enum {string} */
                            action: "create" | "update" | "delete";
                            /** @enum {string} */
                            resource: "project" | "environment" | "flag" | "segment";
                            key: string;
                            env?: string;
                            comment?: string;
                            before?: components["schemas"]["Shared1"];
                            after?: components["schemas"]["Shared2"];
                        }[];
                        cursor?: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1ProjectsProjectEnvironmentsEnvEvaluate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: components["schemas"]["Shared1"];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        values: {
                            [key: string]: {
                                value: components["schemas"]["Shared1"];
                                variationIndex: number | null;
                                version?: number;
                                reason?: {
                                    [key: string]: components["schemas"]["Shared2"];
                                };
                            };
                        };
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1Tokens: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /**
                             * @description Global role: applies to every project and the global routes
                             * @enum {string}
                             */
                            role?: "reader" | "writer" | "admin";
                            /** @description Role per project key; the token can use no other project and no global route */
                            projects?: {
                                [key: string]: "reader" | "writer" | "admin";
                            };
                            createdAt: string;
                            expiresAt?: string;
                            rotatedAt?: string;
                            revokedAt?: string;
                        }[];
                        cursor?: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1Tokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description Global role: applies to every project and the global routes
                     * @enum {string}
                     */
                    role?: "reader" | "writer" | "admin";
                    /** @description Role per project key; the token can use no other project and no global route */
                    projects?: {
                        [key: string]: "reader" | "writer" | "admin";
                    };
                    /**
                     * Format: date-time
                     * @description When the token stops working
                     */
                    expiresAt?: string;
                    /** @description Days until the token stops working (instead of expiresAt) */
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /**
                         * @description Global role: applies to every project and the global routes
                         * @enum {string}
                         */
                        role?: "reader" | "writer" | "admin";
                        /** @description Role per project key; the token can use no other project and no global route */
                        projects?: {
                            [key: string]: "reader" | "writer" | "admin";
                        };
                        createdAt: string;
                        expiresAt?: string;
                        rotatedAt?: string;
                        revokedAt?: string;
                        token: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiV1TokensToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1Me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /**
                         * @description Global role: applies to every project and the global routes
                         * @enum {string}
                         */
                        role?: "reader" | "writer" | "admin";
                        /** @description Role per project key; the token can use no other project and no global route */
                        projects?: {
                            [key: string]: "reader" | "writer" | "admin";
                        };
                        expiresAt?: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiV1TokensTokenRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Hours during which the previous secret keeps working; 0 (the default) stops it at once
                     * @default 0
                     */
                    expiryHours?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /**
                         * @description Global role: applies to every project and the global routes
                         * @enum {string}
                         */
                        role?: "reader" | "writer" | "admin";
                        /** @description Role per project key; the token can use no other project and no global route */
                        projects?: {
                            [key: string]: "reader" | "writer" | "admin";
                        };
                        createdAt: string;
                        expiresAt?: string;
                        rotatedAt?: string;
                        revokedAt?: string;
                        token: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1Audit: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            time: string;
                            actor: {
                                id: string;
                                name: string;
                            };
                            key: string;
                            comment?: string;
                            before?: components["schemas"]["Shared1"];
                            after?: components["schemas"]["Shared2"];
                            /** @enum {string} */
                            action: "create" | "rotate" | "revoke";
                            /** @enum {string} */
                            resource: "token";
                        }[];
                        cursor?: string;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSdkV1Flags: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flags: {
                            [key: string]: {
                                on: boolean;
                                offVariation?: number | null;
                                targets: {
                                    values: string[];
                                    variation: number;
                                }[];
                                contextTargets: {
                                    contextKind: string;
                                    values: string[];
                                    variation: number;
                                }[];
                                rules: {
                                    id: string;
                                    description?: string;
                                    clauses: {
                                        contextKind?: string;
                                        attribute: string;
                                        op: string;
                                        values: components["schemas"]["Shared1"][];
                                        negate?: boolean;
                                    }[];
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                    trackEvents?: boolean;
                                }[];
                                fallthrough: {
                                    variation?: number;
                                    rollout?: {
                                        /** @enum {string} */
                                        kind?: "rollout" | "experiment";
                                        contextKind?: string;
                                        bucketBy?: string;
                                        seed?: number;
                                        variations: {
                                            variation: number;
                                            weight: number;
                                            untracked?: boolean;
                                        }[];
                                    };
                                };
                                prerequisites: {
                                    key: string;
                                    variation: number;
                                }[];
                                salt: string;
                                trackEvents: boolean;
                                trackEventsFallthrough: boolean;
                                key: string;
                                version: number;
                                variations: components["schemas"]["Shared2"][];
                                clientSideAvailability: {
                                    usingEnvironmentId: boolean;
                                    usingMobileKey: boolean;
                                };
                                deleted: boolean;
                            };
                        };
                        segments: {
                            [key: string]: {
                                key: string;
                                version: number;
                                salt: string;
                                included: string[];
                                excluded: string[];
                                includedContexts: {
                                    contextKind: string;
                                    values: string[];
                                }[];
                                excludedContexts: {
                                    contextKind: string;
                                    values: string[];
                                }[];
                                rules: {
                                    id: string;
                                    clauses: {
                                        contextKind?: string;
                                        attribute: string;
                                        op: string;
                                        values: components["schemas"]["Shared1"][];
                                        negate?: boolean;
                                    }[];
                                    weight?: number;
                                    bucketBy?: string;
                                    rolloutContextKind?: string;
                                }[];
                                unbounded: boolean;
                                generation?: number;
                                deleted: boolean;
                            };
                        };
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postSdkV1EvaluateClientSideId: {
        parameters: {
            query?: {
                h?: string;
            };
            header?: never;
            path: {
                clientSideId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: components["schemas"]["Shared1"];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        values: {
                            [key: string]: {
                                value: components["schemas"]["Shared1"];
                                variationIndex: number | null;
                                version?: number;
                                reason?: {
                                    [key: string]: components["schemas"]["Shared2"];
                                };
                            };
                        };
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postSdkV1Events: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": ({
                    /** @constant */
                    kind: "summary";
                    startDate: number;
                    endDate: number;
                    features: {
                        [key: string]: {
                            default?: components["schemas"]["Shared1"];
                            contextKinds?: string[];
                            counters: {
                                variation?: number;
                                version?: number;
                                value: components["schemas"]["Shared2"];
                                count: number;
                                unknown?: boolean;
                            }[];
                        };
                    };
                } | {
                    /** @constant */
                    kind: "custom";
                    key: string;
                    contextKeys: {
                        [key: string]: string;
                    };
                    data?: components["schemas"]["Shared3"];
                    metricValue?: number;
                    creationDate: number;
                })[];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        records: number;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postSdkV1EventsClientSideId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientSideId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": ({
                    /** @constant */
                    kind: "summary";
                    startDate: number;
                    endDate: number;
                    features: {
                        [key: string]: {
                            default?: components["schemas"]["Shared1"];
                            contextKinds?: string[];
                            counters: {
                                variation?: number;
                                version?: number;
                                value: components["schemas"]["Shared2"];
                                count: number;
                                unknown?: boolean;
                            }[];
                        };
                    };
                } | {
                    /** @constant */
                    kind: "custom";
                    key: string;
                    contextKeys: {
                        [key: string]: string;
                    };
                    data?: components["schemas"]["Shared3"];
                    metricValue?: number;
                    creationDate: number;
                })[];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        records: number;
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiV1ProjectsProjectEnvironmentsEnvFlagsFlagDeliveries: {
        parameters: {
            query?: {
                limit?: string;
            };
            header?: never;
            path: {
                project: string;
                env: string;
                flag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flag: string;
                        environment: string;
                        bucketBoundsMs: number[];
                        deliveries: {
                            version: number;
                            committedAt: string | null;
                            connected: number;
                            acks: number;
                            sampleRate: number | null;
                            applied: number;
                            latencyMs: {
                                p50: number | null;
                                p90: number | null;
                                p99: number | null;
                            };
                            histogram: number[];
                        }[];
                    };
                };
            };
            /** @description Invalid request; `error.field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked credential */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role is too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
