CREATE TABLE `complainant_proofs` (
	`id` text PRIMARY KEY NOT NULL,
	`counter_notice_id` text NOT NULL,
	`position` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`note` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`submitted_by` text NOT NULL,
	FOREIGN KEY (`counter_notice_id`) REFERENCES `counter_notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complainant_proofs_position_unique` ON `complainant_proofs` (`counter_notice_id`,`position`);--> statement-breakpoint
CREATE TABLE `counter_notice_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`counter_notice_id` text NOT NULL,
	`position` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`counter_notice_id`) REFERENCES `counter_notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counter_notice_documents_position_unique` ON `counter_notice_documents` (`counter_notice_id`,`position`);--> statement-breakpoint
CREATE TABLE `counter_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`listing_id` text NOT NULL,
	`complaint_id` text NOT NULL,
	`complainant_tenant_id` text NOT NULL,
	`seller_tenant_id` text NOT NULL,
	`seller_user_id` text NOT NULL,
	`statement` text NOT NULL,
	`identity` text NOT NULL,
	`declaration` integer NOT NULL,
	`filed_at` integer NOT NULL,
	`delivered_at` integer NOT NULL,
	`window_ends_at` integer NOT NULL,
	`rule` text NOT NULL,
	`state` text NOT NULL,
	`restore_due_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`decision_statement` text,
	FOREIGN KEY (`listing_id`) REFERENCES `complaint_listings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`complainant_tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counter_notices_listing_unique` ON `counter_notices` (`listing_id`);--> statement-breakpoint
CREATE INDEX `counter_notices_complaint_idx` ON `counter_notices` (`complaint_id`,`filed_at`);--> statement-breakpoint
CREATE INDEX `counter_notices_state_window_idx` ON `counter_notices` (`state`,`window_ends_at`);