// Package httpx holds the HTTP conventions every Memora handler shares: the
// Frappe-style JSON envelope, error-to-status mapping, request parameter
// decoding, the middleware stack, method-aware routing and health endpoints.
//
// # Errors
//
// Handlers report failures with WriteError(w, r, err). The error is resolved
// to an *Error in this order:
//
//  1. an *Error anywhere in the chain (errors.As) is used as is;
//  2. the ErrorMappers registered on the request's Responder, in order —
//     this is where domain sentinels (catalog.ErrNotFound, play.ErrLocked …)
//     are mapped, once, by the composition root, so httpx never imports a
//     domain package: rs.Map(catalog.ErrNotFound, 404, "") or rs.MapFunc(fn);
//  3. *http.MaxBytesError → 413, context.DeadlineExceeded/Canceled → 503;
//  4. anything else → 500 "Internal server error".
//
// The Responder travels in the request context (Responder.Middleware, the
// first layer of Stack), which is why WriteError needs no receiver. Without
// one, WriteError still works with no mappings and logs to slog.Default.
// Internal error text is only logged, with the request id; a client sees the
// *Error's message, never err.Error(). For 5xx other than 503 the message is
// always "Internal server error". Mapped sentinels show their own text, so
// sentinel messages must read as human sentences.
//
// # Languages
//
// Messages are English in code and translated when written: the Responder
// looks the message (or its template, Error.Key, with {name} placeholders
// filled from Error.Args after translation) up in the message catalogue
// (internal/i18n, messages/api.json) in the request's language — the lang
// cookie, else the first of Arabic and English in Accept-Language, else
// English. A message the catalogue lacks is sent in English; a test in
// internal/api makes sure every message the API can send is there.
//
// # Middleware
//
// Stack composes, outermost first: Responder.Middleware, RequestID,
// ClientAddress, AccessLog, SecurityHeaders, CORS, Recover, Timeout,
// BodyLimit, CrossOrigin. Each is also usable
// alone. AccessLog owns a mutable per-request record that inner layers fill
// in: the Router stores the matched pattern (for the latency histogram's
// route label) and the auth layer calls SetUser.
//
// # Routing
//
// Router wraps http.ServeMux. Patterns are registered without a method and
// the Router dispatches by method itself, so a wrong method gets our JSON 405
// (with Allow) instead of ServeMux's plain-text one, and an unknown path gets
// a JSON 404. Read routes accept GET, HEAD and POST (Frappe clients may POST
// reads); Mutation routes accept POST only. Routes() lists what is served so
// tests can compare it with the OpenAPI document. Register every route before
// serving: the method tables are not locked.
package httpx
