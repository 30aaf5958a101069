CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text,
	`channel` text NOT NULL,
	`recipient_user_id` text,
	`address` text NOT NULL,
	`outbox_id` text,
	`outcome` text,
	`attempts` integer NOT NULL,
	`sent_at` integer,
	`counts_as_delivered_at` integer,
	`tracking_number` text,
	`detail` text,
	`recorded_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`recipient_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_outbox_idx` ON `deliveries` (`outbox_id`);--> statement-breakpoint
CREATE INDEX `deliveries_channel_created_idx` ON `deliveries` (`channel`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_recipient_idx` ON `deliveries` (`recipient_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_address_idx` ON `deliveries` (`address`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_notice_idx` ON `deliveries` (`notice_id`);--> statement-breakpoint
CREATE TABLE `sms_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text,
	`user_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`lease_owner` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`provider_id` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sms_outbox_due_idx` ON `sms_outbox` (`status`,`next_attempt_at`);