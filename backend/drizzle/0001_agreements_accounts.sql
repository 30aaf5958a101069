CREATE TABLE `agreement_acceptances` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`language` text NOT NULL,
	`sha256_zh` text NOT NULL,
	`sha256_en` text NOT NULL,
	`accepted_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version`) REFERENCES `agreement_versions`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_acceptances_user_version_unique` ON `agreement_acceptances` (`user_id`,`version`);--> statement-breakpoint
CREATE INDEX `agreement_acceptances_version_idx` ON `agreement_acceptances` (`version`);--> statement-breakpoint
CREATE TABLE `agreement_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`published_at` integer NOT NULL,
	`body_zh` text NOT NULL,
	`body_en` text NOT NULL,
	`sha256_zh` text NOT NULL,
	`sha256_en` text NOT NULL,
	`summary_zh` text NOT NULL,
	`summary_en` text NOT NULL,
	`published_by` text,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `login_events` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`email` text NOT NULL,
	`at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`outcome` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `login_events_user_at_idx` ON `login_events` (`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text NOT NULL,
	`body_zh` text NOT NULL,
	`body_en` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_user_created_idx` ON `messages` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `platform_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
ALTER TABLE `users` ADD `frozen_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `frozen_note` text;--> statement-breakpoint
ALTER TABLE `users` ADD `unfrozen_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `unfrozen_note` text;--> statement-breakpoint
ALTER TABLE `users` ADD `unfrozen_by` text;--> statement-breakpoint
-- SQLite cannot add a NOT NULL column without a constant default, so sessions is rebuilt
-- and every existing session gets its own random public id. Nothing references sessions.
CREATE TABLE `__new_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`csrf_token` text,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`ip` text,
	`user_agent` text,
	`public_id` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_sessions` (`id`, `user_id`, `tenant_id`, `kind`, `csrf_token`, `created_at`, `last_seen_at`, `expires_at`, `revoked_at`, `ip`, `user_agent`, `public_id`)
	SELECT `id`, `user_id`, `tenant_id`, `kind`, `csrf_token`, `created_at`, `last_seen_at`, `expires_at`, `revoked_at`, `ip`, `user_agent`, lower(hex(randomblob(16))) FROM `sessions`;--> statement-breakpoint
DROP TABLE `sessions`;--> statement-breakpoint
ALTER TABLE `__new_sessions` RENAME TO `sessions`;--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_public_id_unique` ON `sessions` (`public_id`);