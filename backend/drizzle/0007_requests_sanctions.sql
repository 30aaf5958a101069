CREATE TABLE `info_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`deficiencies` text NOT NULL,
	`message` text NOT NULL,
	`deadline` integer NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`resolved_at` integer,
	`expired_at` integer,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `info_requests_complaint_requested_idx` ON `info_requests` (`complaint_id`,`requested_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `info_requests_complaint_open_unique` ON `info_requests` (`complaint_id`) WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX `info_requests_open_deadline_idx` ON `info_requests` (`deadline`) WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE TABLE `info_response_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`position` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `info_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `info_response_documents_response_position_unique` ON `info_response_documents` (`response_id`,`position`);--> statement-breakpoint
CREATE TABLE `info_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`message` text NOT NULL,
	`capture_ids` text NOT NULL,
	`listing_captures` text NOT NULL,
	`responded_by` text NOT NULL,
	`responded_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `info_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `info_responses_request_unique` ON `info_responses` (`request_id`);--> statement-breakpoint
CREATE TABLE `abuse_marks` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`note` text NOT NULL,
	`marked_by` text NOT NULL,
	`marked_at` integer NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `abuse_marks_tenant_kind_idx` ON `abuse_marks` (`tenant_id`,`kind`,`complaint_id`);--> statement-breakpoint
CREATE INDEX `abuse_marks_complaint_idx` ON `abuse_marks` (`complaint_id`,`marked_at`);--> statement-breakpoint
CREATE TABLE `sanctions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`imposed_by` text NOT NULL,
	`imposed_at` integer NOT NULL,
	`lifted_by` text,
	`lifted_at` integer,
	`lift_reason` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sanctions_tenant_imposed_idx` ON `sanctions` (`tenant_id`,`imposed_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `sanctions_tenant_kind_live_unique` ON `sanctions` (`tenant_id`,`kind`) WHERE lifted_at IS NULL;