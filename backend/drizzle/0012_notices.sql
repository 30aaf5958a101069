CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`recipient_user_id` text,
	`tenant_id` text NOT NULL,
	`subject_id` text,
	`params` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recipient_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_recipient_created_idx` ON `notices` (`recipient_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notices_created_idx` ON `notices` (`created_at`);--> statement-breakpoint
CREATE INDEX `notices_subject_idx` ON `notices` (`subject_id`);