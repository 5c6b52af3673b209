/**
 * Generated from the OpenAPI document the API serves (lambdas/http/openapi.json).
 * Do not edit: run `npm run generate:openapi && npm run generate:api -w @switchboard/dashboard`.
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
    "/api/v1/projects/{project}/flags/{flag}/copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Copy a flag's settings from one environment to another
         * @description Needs an API token with at least the writer role, globally or in this project.
         */
        post: operations["postApiV1ProjectsProjectFlagsFlagCopy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
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
    "/api/v1/projects/{project}/environments/{env}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Custom event counts and metric sums per event key per time bucket
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironmentsEnvEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{env}/events/{eventKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One custom event key: counts and metric sums per time bucket
         * @description Needs an API token with at least the reader role, globally or in this project.
         */
        get: operations["getApiV1ProjectsProjectEnvironmentsEnvEventsEventKey"];
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
        JsonValue: string | number | boolean | null | components["schemas"]["JsonValue"][] | {
            [key: string]: components["schemas"]["JsonValue"];
        };
        Error: {
            error: {
                code: string;
                message: string;
                field?: string;
            };
        };
        Project: {
            key: string;
            name: string;
            description: string;
            tags: string[];
            version: number;
            createdAt: string;
        };
        CreateProject: {
            key: string;
            name: string;
            /** @default  */
            description?: string;
            /** @default [] */
            tags?: string[];
        };
        Environment: {
            key: string;
            name: string;
            color: string;
            clientSideId: string;
            /** @description Browsers must send a hash of their context made by your server with the SDK key */
            secureMode: boolean;
            receipts?: {
                /** @description SDKs acknowledge the flag changes they apply */
                enabled: boolean;
                /** @description Share of SDKs that acknowledge a change, from 0.000001 (one in a million) to 1 */
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
        EnvironmentWithKey: {
            key: string;
            name: string;
            color: string;
            clientSideId: string;
            /** @description Browsers must send a hash of their context made by your server with the SDK key */
            secureMode: boolean;
            receipts?: {
                /** @description SDKs acknowledge the flag changes they apply */
                enabled: boolean;
                /** @description Share of SDKs that acknowledge a change, from 0.000001 (one in a million) to 1 */
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
        CreateEnvironment: {
            key: string;
            name: string;
            /** @default #3366ff */
            color?: string;
            /** @default false */
            secureMode?: boolean;
            receipts?: {
                /** @description SDKs acknowledge the flag changes they apply */
                enabled: boolean;
                /** @description Share of SDKs that acknowledge a change, from 0.000001 (one in a million) to 1 */
                sampleRate: number;
            };
        };
        RotateKeys: {
            /**
             * @description Hours during which the previous key keeps working; 0 revokes it at once
             * @default 24
             */
            expiryHours?: number;
        };
        Flag: {
            key: string;
            name: string;
            description: string;
            tags: string[];
            /** @enum {string} */
            kind: "release" | "operational" | "experiment" | "permission";
            temporary: boolean;
            variations: components["schemas"]["Variation"][];
            clientSideAvailability: {
                usingEnvironmentId: boolean;
                usingMobileKey: boolean;
            };
            maintainer: string | null;
            archived: boolean;
            version: number;
            createdAt: string;
            environments: {
                [key: string]: components["schemas"]["FlagEnvironment"];
            };
        };
        CopyFlag: {
            source: {
                key: string;
                currentVersion?: number;
            };
            target: {
                key: string;
                currentVersion?: number;
            };
            comment?: string;
            includedActions?: ("updateOn" | "updatePrerequisites" | "updateTargets" | "updateRules" | "updateFallthrough" | "updateOffVariation")[];
            excludedActions?: ("updateOn" | "updatePrerequisites" | "updateTargets" | "updateRules" | "updateFallthrough" | "updateOffVariation")[];
        };
        CreateFlag: {
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
            variations?: components["schemas"]["Variation"][];
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
        FlagEnvironment: {
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
            rules: components["schemas"]["FlagRule"][];
            fallthrough: {
                variation?: number;
                rollout?: components["schemas"]["Rollout"];
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
        FlagRule: {
            id: string;
            clauses: components["schemas"]["Clause"][];
            trackEvents?: boolean;
            variation?: number;
            rollout?: components["schemas"]["Rollout"];
            description?: string;
        };
        Clause: {
            contextKind?: string;
            attribute: string;
            op: string;
            values: components["schemas"]["JsonValue"][];
            negate?: boolean;
        };
        Rollout: {
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
        Variation: {
            value: components["schemas"]["JsonValue"];
            name?: string;
            description?: string;
        };
        LastEvaluated: {
            [key: string]: string;
        };
        Insights: {
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
        Segment: {
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
                clauses: components["schemas"]["Clause"][];
                weight?: number;
                bucketBy?: string;
                rolloutContextKind?: string;
            }[];
            unbounded: boolean;
            salt: string;
            version: number;
        };
        CreateSegment: {
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
                id?: string;
                clauses: components["schemas"]["Clause"][];
                weight?: number;
                bucketBy?: string;
                rolloutContextKind?: string;
            }[];
            /** @default false */
            unbounded?: boolean;
        };
        AuditEntry: {
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
            before?: components["schemas"]["JsonValue"];
            after?: components["schemas"]["JsonValue"];
        };
        GlobalAuditEntry: {
            id: string;
            time: string;
            actor: {
                id: string;
                name: string;
            };
            key: string;
            comment?: string;
            before?: components["schemas"]["JsonValue"];
            after?: components["schemas"]["JsonValue"];
            /** @enum {string} */
            action: "create" | "rotate" | "revoke";
            /** @enum {string} */
            resource: "token";
        };
        /** @enum {string} */
        Role: "reader" | "writer" | "admin";
        /** @description Role per project key; the token can use no other project and no global route */
        ProjectRoles: {
            [key: string]: components["schemas"]["Role"];
        };
        Token: {
            id: string;
            name: string;
            /**
             * @description Global role: applies to every project and the global routes
             * @enum {string}
             */
            role?: "reader" | "writer" | "admin";
            projects?: components["schemas"]["ProjectRoles"];
            createdAt: string;
            expiresAt?: string;
            rotatedAt?: string;
            revokedAt?: string;
        };
        TokenWithSecret: {
            id: string;
            name: string;
            /**
             * @description Global role: applies to every project and the global routes
             * @enum {string}
             */
            role?: "reader" | "writer" | "admin";
            projects?: components["schemas"]["ProjectRoles"];
            createdAt: string;
            expiresAt?: string;
            rotatedAt?: string;
            revokedAt?: string;
            token: string;
        };
        CreateToken: {
            name: string;
            /**
             * @description Global role: applies to every project and the global routes
             * @enum {string}
             */
            role?: "reader" | "writer" | "admin";
            projects?: components["schemas"]["ProjectRoles"];
            /**
             * Format: date-time
             * @description When the token stops working
             */
            expiresAt?: string;
            /** @description Days until the token stops working (instead of expiresAt) */
            expiresInDays?: number;
        };
        RotateToken: {
            /**
             * @description Hours during which the previous secret keeps working; 0 (the default) stops it at once
             * @default 0
             */
            expiryHours?: number;
        };
        Me: {
            id: string;
            name: string;
            /**
             * @description Global role: applies to every project and the global routes
             * @enum {string}
             */
            role?: "reader" | "writer" | "admin";
            projects?: components["schemas"]["ProjectRoles"];
            expiresAt?: string;
        };
        /** @description An evaluation context (evaluation.md) */
        Context: {
            [key: string]: components["schemas"]["JsonValue"];
        };
        EvaluationResult: {
            value: components["schemas"]["JsonValue"];
            variationIndex: number | null;
            version?: number;
            reason?: {
                [key: string]: components["schemas"]["JsonValue"];
            };
        };
        EvaluateResponse: {
            values: {
                [key: string]: components["schemas"]["EvaluationResult"];
            };
        };
        Snapshot: {
            flags: {
                [key: string]: components["schemas"]["EvaluationFlag"];
            };
            segments: {
                [key: string]: components["schemas"]["EvaluationSegment"];
            };
        };
        EvaluationFlag: {
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
            rules: components["schemas"]["FlagRule"][];
            fallthrough: {
                variation?: number;
                rollout?: components["schemas"]["Rollout"];
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
            variations: components["schemas"]["JsonValue"][];
            clientSideAvailability: {
                usingEnvironmentId: boolean;
                usingMobileKey: boolean;
            };
            deleted: boolean;
        };
        EvaluationSegment: {
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
                clauses: components["schemas"]["Clause"][];
                weight?: number;
                bucketBy?: string;
                rolloutContextKind?: string;
            }[];
            unbounded: boolean;
            generation?: number;
            deleted: boolean;
        };
        EventBatch: ({
            /** @constant */
            kind: "summary";
            startDate: number;
            endDate: number;
            features: {
                [key: string]: {
                    default?: components["schemas"]["JsonValue"];
                    contextKinds?: string[];
                    counters: {
                        variation?: number;
                        version?: number;
                        value: components["schemas"]["JsonValue"];
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
            data?: components["schemas"]["JsonValue"];
            metricValue?: number;
            creationDate: number;
        })[];
        AcceptedEvents: {
            accepted: number;
            records: number;
        };
        JsonPatch: {
            /** @enum {string} */
            op: "add" | "remove" | "replace" | "move" | "copy" | "test";
            path: string;
            from?: string;
            value?: components["schemas"]["JsonValue"];
        }[];
        CommentedJsonPatch: {
            comment?: string;
            patch: components["schemas"]["JsonPatch"];
        };
        /**
         * @description Renames the resource (its key stays).
         * @example {
         *       "kind": "updateName",
         *       "value": "New checkout"
         *     }
         */
        "ProjectInstruction.updateName": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateName";
            env?: string;
            value: string;
        };
        /**
         * @description Replaces the description.
         * @example {
         *       "kind": "updateDescription",
         *       "value": "Rolls out the one-page checkout"
         *     }
         */
        "ProjectInstruction.updateDescription": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateDescription";
            env?: string;
            value: string;
        };
        /**
         * @description Adds tags; tags already present are kept once.
         * @example {
         *       "kind": "addTags",
         *       "values": [
         *         "checkout",
         *         "q3"
         *       ]
         *     }
         */
        "ProjectInstruction.addTags": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addTags";
            env?: string;
            values: string[];
        };
        /**
         * @description Removes tags; tags not present are ignored.
         * @example {
         *       "kind": "removeTags",
         *       "values": [
         *         "q3"
         *       ]
         *     }
         */
        "ProjectInstruction.removeTags": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeTags";
            env?: string;
            values: string[];
        };
        ProjectInstruction: components["schemas"]["ProjectInstruction.updateName"] | components["schemas"]["ProjectInstruction.updateDescription"] | components["schemas"]["ProjectInstruction.addTags"] | components["schemas"]["ProjectInstruction.removeTags"];
        ProjectInstructions: {
            comment?: string;
            instructions: components["schemas"]["ProjectInstruction"][];
        };
        /** @description A JSON Patch (RFC 6902) of the project, alone or as `{comment, patch}`, or `{comment, instructions}`: semantic edits applied in order. */
        ProjectPatch: components["schemas"]["JsonPatch"] | components["schemas"]["CommentedJsonPatch"] | components["schemas"]["ProjectInstructions"];
        /**
         * @description Renames the resource (its key stays).
         * @example {
         *       "kind": "updateName",
         *       "value": "New checkout"
         *     }
         */
        "EnvironmentInstruction.updateName": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateName";
            env?: string;
            value: string;
        };
        /**
         * @description Sets the colour the dashboard shows the environment in (`#rrggbb`).
         * @example {
         *       "kind": "updateColor",
         *       "value": "#3366ff"
         *     }
         */
        "EnvironmentInstruction.updateColor": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateColor";
            env?: string;
            value: string;
        };
        /**
         * @description Turns secure mode on or off: with it on, client-side evaluation needs the context’s hash, computed with the SDK key.
         * @example {
         *       "kind": "updateSecureMode",
         *       "value": true
         *     }
         */
        "EnvironmentInstruction.updateSecureMode": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateSecureMode";
            env?: string;
            value: boolean;
        };
        /**
         * @description Turns delivery receipts on or off. `sampleRate` (from 0.000001, one in a million, to 1) is the share of SDKs that acknowledge each change; without it the rate stays as it was (1 the first time).
         * @example {
         *       "kind": "updateReceipts",
         *       "enabled": true,
         *       "sampleRate": 0.1
         *     }
         */
        "EnvironmentInstruction.updateReceipts": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateReceipts";
            env?: string;
            /** @description SDKs acknowledge the flag changes they apply */
            enabled: boolean;
            /** @description Share of SDKs that acknowledge a change, from 0.000001 (one in a million) to 1 */
            sampleRate?: number;
        };
        EnvironmentInstruction: components["schemas"]["EnvironmentInstruction.updateName"] | components["schemas"]["EnvironmentInstruction.updateColor"] | components["schemas"]["EnvironmentInstruction.updateSecureMode"] | components["schemas"]["EnvironmentInstruction.updateReceipts"];
        EnvironmentInstructions: {
            comment?: string;
            instructions: components["schemas"]["EnvironmentInstruction"][];
        };
        /** @description A JSON Patch (RFC 6902) of the environment, alone or as `{comment, patch}`, or `{comment, instructions}`: semantic edits applied in order. */
        EnvironmentPatch: components["schemas"]["JsonPatch"] | components["schemas"]["CommentedJsonPatch"] | components["schemas"]["EnvironmentInstructions"];
        /**
         * @description Renames the resource (its key stays).
         * @example {
         *       "kind": "updateName",
         *       "value": "New checkout"
         *     }
         */
        "FlagInstruction.updateName": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateName";
            env?: string;
            value: string;
        };
        /**
         * @description Replaces the description.
         * @example {
         *       "kind": "updateDescription",
         *       "value": "Rolls out the one-page checkout"
         *     }
         */
        "FlagInstruction.updateDescription": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateDescription";
            env?: string;
            value: string;
        };
        /**
         * @description Adds tags; tags already present are kept once.
         * @example {
         *       "kind": "addTags",
         *       "values": [
         *         "checkout",
         *         "q3"
         *       ]
         *     }
         */
        "FlagInstruction.addTags": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addTags";
            env?: string;
            values: string[];
        };
        /**
         * @description Removes tags; tags not present are ignored.
         * @example {
         *       "kind": "removeTags",
         *       "values": [
         *         "q3"
         *       ]
         *     }
         */
        "FlagInstruction.removeTags": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeTags";
            env?: string;
            values: string[];
        };
        /**
         * @description Adds a targeting rule (its id is generated) at the end, or before the rule `beforeRuleId`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "addRule",
         *       "env": "production",
         *       "rule": {
         *         "description": "Enterprise plans",
         *         "clauses": [
         *           {
         *             "attribute": "plan",
         *             "op": "in",
         *             "values": [
         *               "enterprise"
         *             ]
         *           }
         *         ],
         *         "variation": 0
         *       }
         *     }
         */
        "FlagInstruction.addRule": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addRule";
            env?: string;
            rule: {
                id?: string;
                clauses: components["schemas"]["Clause"][];
                trackEvents?: boolean;
                variation?: number;
                rollout?: components["schemas"]["Rollout"];
                description?: string;
            };
            beforeRuleId?: string;
        };
        /**
         * @description Removes the rule `ruleId`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "removeRule",
         *       "env": "production",
         *       "ruleId": "r1"
         *     }
         */
        "FlagInstruction.removeRule": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeRule";
            env?: string;
            ruleId: string;
        };
        /**
         * @description Puts the rules in the order of `ruleIds`, which must list every rule id exactly once. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "reorderRules",
         *       "env": "production",
         *       "ruleIds": [
         *         "r2",
         *         "r1"
         *       ]
         *     }
         */
        "FlagInstruction.reorderRules": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "reorderRules";
            env?: string;
            ruleIds: string[];
        };
        /**
         * @description Replaces the clauses of the rule `ruleId`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "updateRuleClauses",
         *       "env": "production",
         *       "ruleId": "r1",
         *       "clauses": [
         *         {
         *           "attribute": "plan",
         *           "op": "in",
         *           "values": [
         *             "enterprise"
         *           ]
         *         }
         *       ]
         *     }
         */
        "FlagInstruction.updateRuleClauses": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateRuleClauses";
            env?: string;
            ruleId: string;
            clauses: components["schemas"]["Clause"][];
        };
        /**
         * @description Turns targeting on in the environment. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "turnFlagOn",
         *       "env": "production"
         *     }
         */
        "FlagInstruction.turnFlagOn": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "turnFlagOn";
            env?: string;
        };
        /**
         * @description Turns targeting off: the environment serves `offVariation`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "turnFlagOff",
         *       "env": "production"
         *     }
         */
        "FlagInstruction.turnFlagOff": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "turnFlagOff";
            env?: string;
        };
        /**
         * @description Sets the variation served while targeting is off; `null` leaves none, so SDKs return their fallback value. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "updateOffVariation",
         *       "env": "production",
         *       "variation": 1
         *     }
         */
        "FlagInstruction.updateOffVariation": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateOffVariation";
            env?: string;
            variation: number | null;
        };
        /**
         * @description Sets what contexts that match no target or rule get: a `variation` or a percentage `rollout` (weights in thousandths of a percent, 100000 in all). Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "updateFallthrough",
         *       "env": "production",
         *       "rollout": {
         *         "variations": [
         *           {
         *             "variation": 0,
         *             "weight": 10000
         *           },
         *           {
         *             "variation": 1,
         *             "weight": 90000
         *           }
         *         ]
         *       }
         *     }
         */
        "FlagInstruction.updateFallthrough": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateFallthrough";
            env?: string;
            variation?: number;
            rollout?: components["schemas"]["Rollout"];
        };
        /**
         * @description Sets what the rule `ruleId` serves: a `variation` or a percentage `rollout`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "updateRuleVariationOrRollout",
         *       "env": "production",
         *       "ruleId": "r1",
         *       "variation": 0
         *     }
         */
        "FlagInstruction.updateRuleVariationOrRollout": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateRuleVariationOrRollout";
            env?: string;
            variation?: number;
            rollout?: components["schemas"]["Rollout"];
            ruleId: string;
        };
        /**
         * @description Serves `variation` to the contexts whose key is in `values` (of `contextKind`, `user` by default). Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "addTargets",
         *       "env": "production",
         *       "variation": 0,
         *       "values": [
         *         "user-1",
         *         "user-2"
         *       ]
         *     }
         */
        "FlagInstruction.addTargets": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addTargets";
            env?: string;
            variation: number;
            values: string[];
            /** @default user */
            contextKind?: string;
        };
        /**
         * @description Removes context keys from the individual targets of `variation`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "removeTargets",
         *       "env": "production",
         *       "variation": 0,
         *       "values": [
         *         "user-2"
         *       ],
         *       "contextKind": "user"
         *     }
         */
        "FlagInstruction.removeTargets": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeTargets";
            env?: string;
            variation: number;
            values: string[];
            /** @default user */
            contextKind?: string;
        };
        /**
         * @description Makes the flag serve its off variation unless flag `key` serves `variation`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "addPrerequisite",
         *       "env": "production",
         *       "key": "new-billing",
         *       "variation": 0
         *     }
         */
        "FlagInstruction.addPrerequisite": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addPrerequisite";
            env?: string;
            key: string;
            variation: number;
        };
        /**
         * @description Removes the prerequisite on flag `key`. Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.
         * @example {
         *       "kind": "removePrerequisite",
         *       "env": "production",
         *       "key": "new-billing"
         *     }
         */
        "FlagInstruction.removePrerequisite": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removePrerequisite";
            env?: string;
            key: string;
        };
        /**
         * @description Marks the flag archived (flag lists filter on `archived`); evaluation is unchanged.
         * @example {
         *       "kind": "archiveFlag"
         *     }
         */
        "FlagInstruction.archiveFlag": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "archiveFlag";
            env?: string;
        };
        /**
         * @description Takes the flag out of the archive.
         * @example {
         *       "kind": "restoreFlag"
         *     }
         */
        "FlagInstruction.restoreFlag": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "restoreFlag";
            env?: string;
        };
        /**
         * @description Sets who maintains the flag (free text; empty for nobody).
         * @example {
         *       "kind": "updateMaintainer",
         *       "value": "payments-team"
         *     }
         */
        "FlagInstruction.updateMaintainer": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateMaintainer";
            env?: string;
            value: string;
        };
        FlagInstruction: components["schemas"]["FlagInstruction.updateName"] | components["schemas"]["FlagInstruction.updateDescription"] | components["schemas"]["FlagInstruction.addTags"] | components["schemas"]["FlagInstruction.removeTags"] | components["schemas"]["FlagInstruction.addRule"] | components["schemas"]["FlagInstruction.removeRule"] | components["schemas"]["FlagInstruction.reorderRules"] | components["schemas"]["FlagInstruction.updateRuleClauses"] | components["schemas"]["FlagInstruction.turnFlagOn"] | components["schemas"]["FlagInstruction.turnFlagOff"] | components["schemas"]["FlagInstruction.updateOffVariation"] | components["schemas"]["FlagInstruction.updateFallthrough"] | components["schemas"]["FlagInstruction.updateRuleVariationOrRollout"] | components["schemas"]["FlagInstruction.addTargets"] | components["schemas"]["FlagInstruction.removeTargets"] | components["schemas"]["FlagInstruction.addPrerequisite"] | components["schemas"]["FlagInstruction.removePrerequisite"] | components["schemas"]["FlagInstruction.archiveFlag"] | components["schemas"]["FlagInstruction.restoreFlag"] | components["schemas"]["FlagInstruction.updateMaintainer"];
        FlagInstructions: {
            comment?: string;
            instructions: components["schemas"]["FlagInstruction"][];
        };
        /** @description A JSON Patch (RFC 6902) of the flag, alone or as `{comment, patch}`, or `{comment, instructions}`: semantic edits applied in order. */
        FlagPatch: components["schemas"]["JsonPatch"] | components["schemas"]["CommentedJsonPatch"] | components["schemas"]["FlagInstructions"];
        /**
         * @description Renames the resource (its key stays).
         * @example {
         *       "kind": "updateName",
         *       "value": "New checkout"
         *     }
         */
        "SegmentInstruction.updateName": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateName";
            env?: string;
            value: string;
        };
        /**
         * @description Replaces the description.
         * @example {
         *       "kind": "updateDescription",
         *       "value": "Rolls out the one-page checkout"
         *     }
         */
        "SegmentInstruction.updateDescription": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateDescription";
            env?: string;
            value: string;
        };
        /**
         * @description Adds tags; tags already present are kept once.
         * @example {
         *       "kind": "addTags",
         *       "values": [
         *         "checkout",
         *         "q3"
         *       ]
         *     }
         */
        "SegmentInstruction.addTags": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addTags";
            env?: string;
            values: string[];
        };
        /**
         * @description Removes tags; tags not present are ignored.
         * @example {
         *       "kind": "removeTags",
         *       "values": [
         *         "q3"
         *       ]
         *     }
         */
        "SegmentInstruction.removeTags": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeTags";
            env?: string;
            values: string[];
        };
        /**
         * @description Adds a targeting rule (its id is generated) at the end, or before the rule `beforeRuleId`.
         * @example {
         *       "kind": "addRule",
         *       "rule": {
         *         "clauses": [
         *           {
         *             "attribute": "country",
         *             "op": "in",
         *             "values": [
         *               "NZ",
         *               "AU"
         *             ]
         *           }
         *         ]
         *       }
         *     }
         */
        "SegmentInstruction.addRule": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addRule";
            env?: string;
            rule: {
                id?: string;
                clauses: components["schemas"]["Clause"][];
                weight?: number;
                bucketBy?: string;
                rolloutContextKind?: string;
            };
            beforeRuleId?: string;
        };
        /**
         * @description Removes the rule `ruleId`.
         * @example {
         *       "kind": "removeRule",
         *       "ruleId": "r1"
         *     }
         */
        "SegmentInstruction.removeRule": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeRule";
            env?: string;
            ruleId: string;
        };
        /**
         * @description Puts the rules in the order of `ruleIds`, which must list every rule id exactly once.
         * @example {
         *       "kind": "reorderRules",
         *       "ruleIds": [
         *         "r2",
         *         "r1"
         *       ]
         *     }
         */
        "SegmentInstruction.reorderRules": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "reorderRules";
            env?: string;
            ruleIds: string[];
        };
        /**
         * @description Replaces the clauses of the rule `ruleId`.
         * @example {
         *       "kind": "updateRuleClauses",
         *       "ruleId": "r1",
         *       "clauses": [
         *         {
         *           "attribute": "plan",
         *           "op": "in",
         *           "values": [
         *             "enterprise"
         *           ]
         *         }
         *       ]
         *     }
         */
        "SegmentInstruction.updateRuleClauses": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "updateRuleClauses";
            env?: string;
            ruleId: string;
            clauses: components["schemas"]["Clause"][];
        };
        /**
         * @description Adds context keys to the segment’s included list (of `contextKind`, `user` by default).
         * @example {
         *       "kind": "addIncludedTargets",
         *       "values": [
         *         "user-1"
         *       ],
         *       "contextKind": "user"
         *     }
         */
        "SegmentInstruction.addIncludedTargets": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addIncludedTargets";
            env?: string;
            values: string[];
            /** @default user */
            contextKind?: string;
        };
        /**
         * @description Removes context keys from the segment’s included list (of `contextKind`, `user` by default).
         * @example {
         *       "kind": "removeIncludedTargets",
         *       "values": [
         *         "user-1"
         *       ]
         *     }
         */
        "SegmentInstruction.removeIncludedTargets": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeIncludedTargets";
            env?: string;
            values: string[];
            /** @default user */
            contextKind?: string;
        };
        /**
         * @description Adds context keys to the segment’s excluded list (of `contextKind`, `user` by default), which wins over its included list and rules.
         * @example {
         *       "kind": "addExcludedTargets",
         *       "values": [
         *         "user-1"
         *       ],
         *       "contextKind": "user"
         *     }
         */
        "SegmentInstruction.addExcludedTargets": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "addExcludedTargets";
            env?: string;
            values: string[];
            /** @default user */
            contextKind?: string;
        };
        /**
         * @description Removes context keys from the segment’s excluded list (of `contextKind`, `user` by default), which wins over its included list and rules.
         * @example {
         *       "kind": "removeExcludedTargets",
         *       "values": [
         *         "user-1"
         *       ]
         *     }
         */
        "SegmentInstruction.removeExcludedTargets": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "removeExcludedTargets";
            env?: string;
            values: string[];
            /** @default user */
            contextKind?: string;
        };
        SegmentInstruction: components["schemas"]["SegmentInstruction.updateName"] | components["schemas"]["SegmentInstruction.updateDescription"] | components["schemas"]["SegmentInstruction.addTags"] | components["schemas"]["SegmentInstruction.removeTags"] | components["schemas"]["SegmentInstruction.addRule"] | components["schemas"]["SegmentInstruction.removeRule"] | components["schemas"]["SegmentInstruction.reorderRules"] | components["schemas"]["SegmentInstruction.updateRuleClauses"] | components["schemas"]["SegmentInstruction.addIncludedTargets"] | components["schemas"]["SegmentInstruction.removeIncludedTargets"] | components["schemas"]["SegmentInstruction.addExcludedTargets"] | components["schemas"]["SegmentInstruction.removeExcludedTargets"];
        SegmentInstructions: {
            comment?: string;
            instructions: components["schemas"]["SegmentInstruction"][];
        };
        /** @description A JSON Patch (RFC 6902) of the segment, alone or as `{comment, patch}`, or `{comment, instructions}`: semantic edits applied in order. */
        SegmentPatch: components["schemas"]["JsonPatch"] | components["schemas"]["CommentedJsonPatch"] | components["schemas"]["SegmentInstructions"];
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
                        items: components["schemas"]["Project"][];
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
                "application/json": components["schemas"]["CreateProject"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
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
                    "application/json": components["schemas"]["Project"];
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
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
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
            /** @description Stale If-Match, concurrent change, or (a flag or segment) still in use */
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
    patchApiV1ProjectsProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectPatch"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
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
                        items: components["schemas"]["Environment"][];
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
                "application/json": components["schemas"]["CreateEnvironment"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentWithKey"];
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
                    "application/json": components["schemas"]["Environment"];
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
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
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
            /** @description Stale If-Match, concurrent change, or (a flag or segment) still in use */
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
    patchApiV1ProjectsProjectEnvironmentsEnv: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
            path: {
                project: string;
                env: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnvironmentPatch"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
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
                "application/json": components["schemas"]["RotateKeys"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentWithKey"];
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
                            variations: components["schemas"]["Variation"][];
                            clientSideAvailability: {
                                usingEnvironmentId: boolean;
                                usingMobileKey: boolean;
                            };
                            maintainer: string | null;
                            archived: boolean;
                            version: number;
                            createdAt: string;
                            lastEvaluated: components["schemas"]["LastEvaluated"];
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
                "application/json": components["schemas"]["CreateFlag"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Flag"];
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
                        variations: components["schemas"]["Variation"][];
                        clientSideAvailability: {
                            usingEnvironmentId: boolean;
                            usingMobileKey: boolean;
                        };
                        maintainer: string | null;
                        archived: boolean;
                        version: number;
                        createdAt: string;
                        environments: {
                            [key: string]: components["schemas"]["FlagEnvironment"];
                        };
                        lastEvaluated: components["schemas"]["LastEvaluated"];
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
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
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
            /** @description Stale If-Match, concurrent change, or (a flag or segment) still in use */
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
    patchApiV1ProjectsProjectFlagsFlag: {
        parameters: {
            query?: {
                env?: string;
            };
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
            path: {
                project: string;
                flag: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlagPatch"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Flag"];
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
    postApiV1ProjectsProjectFlagsFlagCopy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project: string;
                flag: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CopyFlag"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Flag"];
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
            /** @description Stale source or target currentVersion, or concurrent change */
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
                    "application/json": components["schemas"]["Insights"];
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
    getApiV1ProjectsProjectEnvironmentsEnvEvents: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                granularity?: "minute" | "hour";
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
                        environment: string;
                        /** @enum {string} */
                        granularity: "minute" | "hour";
                        from: string;
                        to: string;
                        items: {
                            key: string;
                            start: string;
                            count: number;
                            metricSum: number;
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
    getApiV1ProjectsProjectEnvironmentsEnvEventsEventKey: {
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
                eventKey: string;
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
                        environment: string;
                        /** @enum {string} */
                        granularity: "minute" | "hour";
                        from: string;
                        to: string;
                        key: string;
                        buckets: {
                            start: string;
                            count: number;
                            metricSum: number;
                        }[];
                        count: number;
                        metricSum: number;
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
                        items: components["schemas"]["Segment"][];
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
                "application/json": components["schemas"]["CreateSegment"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Segment"];
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
                    "application/json": components["schemas"]["Segment"];
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
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
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
            /** @description Stale If-Match, concurrent change, or (a flag or segment) still in use */
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
    patchApiV1ProjectsProjectEnvironmentsEnvSegmentsSegment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version the change is meant for, e.g. `3` (with `?env=` on a flag, that environment’s): another current version is a 409 and nothing changes. Without it, a concurrent change is retried on the fresh version. */
                "If-Match"?: string;
            };
            path: {
                project: string;
                env: string;
                segment: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SegmentPatch"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Segment"];
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
                        items: components["schemas"]["AuditEntry"][];
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
                "application/json": components["schemas"]["Context"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluateResponse"];
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
                        items: components["schemas"]["Token"][];
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
                "application/json": components["schemas"]["CreateToken"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenWithSecret"];
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
                    "application/json": components["schemas"]["Me"];
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
                "application/json": components["schemas"]["RotateToken"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenWithSecret"];
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
                        items: components["schemas"]["GlobalAuditEntry"][];
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
                    "application/json": components["schemas"]["Snapshot"];
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
                /** @description Secure mode: the context's hash made by your server (see docs/delivery.md, Browser delivery) */
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
                "application/json": components["schemas"]["Context"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluateResponse"];
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
                "application/json": components["schemas"]["EventBatch"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedEvents"];
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
                "application/json": components["schemas"]["EventBatch"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedEvents"];
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
                            latencyRangeMs: {
                                p50: {
                                    fromMs: number;
                                    toMs: number | null;
                                } | null;
                                p90: {
                                    fromMs: number;
                                    toMs: number | null;
                                } | null;
                                p99: {
                                    fromMs: number;
                                    toMs: number | null;
                                } | null;
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
