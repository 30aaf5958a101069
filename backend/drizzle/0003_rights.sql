CREATE TABLE `right_proofs` (
	`id` text PRIMARY KEY NOT NULL,
	`right_id` text NOT NULL,
	`position` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`right_id`) REFERENCES `rights`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `right_proofs_right_position_unique` ON `right_proofs` (`right_id`,`position`);--> statement-breakpoint
CREATE TABLE `rights` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text,
	`type` text NOT NULL,
	`registration_number` text NOT NULL,
	`territories` text NOT NULL,
	`nice_classes` text NOT NULL,
	`scope` text,
	`valid_from` text NOT NULL,
	`valid_until` text NOT NULL,
	`status` text NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	`reasons` text,
	`reminded_at` integer,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`principal_id`) REFERENCES `principals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rights_tenant_created_idx` ON `rights` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `rights_status_created_idx` ON `rights` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `rights_status_until_idx` ON `rights` (`status`,`valid_until`);