-- The service's way in (docs/decisions/032-one-way-in.md): one path segment of 3 to 40 lower-case
-- letters, digits and hyphens, kept by the database as well as by the settings form
-- (app/safety/sign-in-path.ts), so no write path can store an address the app cannot route.
ALTER TABLE "Service" ADD CONSTRAINT "Service_signInPath_shape" CHECK ("signInPath" ~ '^/[a-z0-9][a-z0-9-]{2,39}$');
