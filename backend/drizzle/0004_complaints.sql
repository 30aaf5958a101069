CREATE TABLE `complaint_listings` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`position` integer NOT NULL,
	`url` text NOT NULL,
	`canonical_url` text,
	`marketplace` text,
	`listing_id` text,
	`shop_id` text,
	`jurisdiction` text,
	`capture_ids` text NOT NULL,
	`location` text,
	`outcome` text NOT NULL,
	`reversed_at` integer,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_listings_complaint_position_unique` ON `complaint_listings` (`complaint_id`,`position`);--> statement-breakpoint
CREATE INDEX `complaint_listings_tenant_canonical_idx` ON `complaint_listings` (`tenant_id`,`canonical_url`);--> statement-breakpoint
CREATE TABLE `complaint_transitions` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`seq` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`event` text,
	`actor_id` text NOT NULL,
	`at` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_transitions_complaint_seq_unique` ON `complaint_transitions` (`complaint_id`,`seq`);--> statement-breakpoint
CREATE INDEX `complaint_transitions_event_complaint_idx` ON `complaint_transitions` (`event`,`complaint_id`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text,
	`right_id` text,
	`reason` text,
	`explanation` text NOT NULL,
	`good_faith` integer NOT NULL,
	`accuracy` integer NOT NULL,
	`state` text NOT NULL,
	`complainant` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`principal_id`) REFERENCES `principals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`right_id`) REFERENCES `rights`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints_tenant_created_idx` ON `complaints` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `complaints_tenant_state_created_idx` ON `complaints` (`tenant_id`,`state`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `complaints_created_idx` ON `complaints` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `complaints_state_created_idx` ON `complaints` (`state`,`created_at`,`id`);