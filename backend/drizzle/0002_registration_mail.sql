CREATE TABLE `principals` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_tenant_id` text NOT NULL,
	`entity_kind` text NOT NULL,
	`legal_name` text NOT NULL,
	`country` text NOT NULL,
	`registration_number` text NOT NULL,
	`entity_key` text NOT NULL,
	`authority_status` text NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	`reasons` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`agency_tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `principals_agency_entity_unique` ON `principals` (`agency_tenant_id`,`entity_key`);--> statement-breakpoint
CREATE INDEX `principals_status_created_idx` ON `principals` (`authority_status`,`created_at`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text,
	`purpose` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`principal_id`) REFERENCES `principals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_tenant_idx` ON `documents` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `documents_principal_idx` ON `documents` (`principal_id`);--> statement-breakpoint
CREATE TABLE `one_time_links` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text,
	`email` text NOT NULL,
	`locale` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `one_time_links_token_hash_unique` ON `one_time_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `one_time_links_tenant_purpose_idx` ON `one_time_links` (`tenant_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `known_devices` (
	`user_id` text NOT NULL,
	`device_hash` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `device_hash`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contact_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`postal_address` text,
	`since` integer NOT NULL,
	`until` integer,
	`confirmed_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_versions_user_since_idx` ON `contact_versions` (`user_id`,`since`);--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to` text NOT NULL,
	`locale` text NOT NULL,
	`template` text NOT NULL,
	`params` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`lease_owner` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`message_id` text
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_due_idx` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `dev_mailbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dev_mailbox_received_idx` ON `dev_mailbox` (`received_at`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `entity_kind` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `legal_name` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `country` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `registration_number` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `entity_key` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `identity_status` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `identity_decided_at` integer;--> statement-breakpoint
ALTER TABLE `tenants` ADD `identity_decided_by` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `identity_reasons` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_entity_key_unique` ON `tenants` (`entity_key`);--> statement-breakpoint
ALTER TABLE `users` ADD `email_verified_at` integer;--> statement-breakpoint
-- Tenants and users from before registration existed were created by operators, who
-- vouched for them: their identity counts as approved and their e-mail as verified.
UPDATE `tenants` SET `identity_status` = 'approved', `identity_decided_at` = `created_at`;--> statement-breakpoint
UPDATE `users` SET `email_verified_at` = `created_at`;--> statement-breakpoint
-- Every user gets a first contact-details version from the login e-mail, confirmed at
-- its creation, so an old account is asked to confirm its details after sign-in.
INSERT INTO `contact_versions` (`id`, `user_id`, `email`, `phone`, `postal_address`, `since`, `until`, `confirmed_at`)
	SELECT lower(hex(randomblob(16))), `id`, `email`, NULL, NULL, `created_at`, NULL, `created_at` FROM `users`;
