// The mini web framework learners write their handlers for: an Express-like app in a few hundred
// lines of plain node:http. Read it in this order: request.ts, response.ts, app.ts.
export { createApp } from './app.js';
export type { App, AppOptions, ErrorMiddleware, Handler, ListeningServer, Middleware, NextFunction } from './app.js';
export type { Request } from './request.js';
export type { Response } from './response.js';
