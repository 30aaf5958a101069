-- Adjusted by hand (the last statement): complaints already waiting for review when this
-- migration runs have no due date. They are given their submission time, so the queue shows
-- them as overdue and first: they were filed before periods were tracked, and they are the
-- oldest work. Their next transition (taking them into review) computes the real date.
CREATE TABLE `complainant_risk` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`score` real NOT NULL,
	`level` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `complaint_claims` (
	`complaint_id` text PRIMARY KEY NOT NULL,
	`reviewer_id` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `decision_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`listings` text NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`resolved_at` integer,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decision_proposals_complaint_open_unique` ON `decision_proposals` (`complaint_id`) WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX `decision_proposals_complaint_idx` ON `decision_proposals` (`complaint_id`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`listing_id` text NOT NULL,
	`marketplace` text NOT NULL,
	`shop_id` text,
	`canonical_url` text NOT NULL,
	`kind` text NOT NULL,
	`statement` text NOT NULL,
	`measure` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`listing_id`) REFERENCES `complaint_listings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_complaint_idx` ON `notifications` (`complaint_id`);--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`marketplace`,`shop_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `complaint_listings` ADD `statement` text;--> statement-breakpoint
ALTER TABLE `complaint_listings` ADD `decided_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `complaint_listings` ADD `decided_at` integer;--> statement-breakpoint
ALTER TABLE `complaint_listings` ADD `measure` text;--> statement-breakpoint
CREATE INDEX `complaint_listings_canonical_idx` ON `complaint_listings` (`canonical_url`,`complaint_id`);--> statement-breakpoint
ALTER TABLE `complaints` ADD `due_at` integer;--> statement-breakpoint
ALTER TABLE `complaints` ADD `enhanced_review` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `record_at_submission` text;--> statement-breakpoint
CREATE INDEX `complaints_queue_idx` ON `complaints` (`due_at`,`id`) WHERE state in ('submitted', 'in_review');--> statement-breakpoint
UPDATE `complaints` SET `due_at` = `submitted_at` WHERE `state` IN ('submitted', 'in_review') AND `due_at` IS NULL;
