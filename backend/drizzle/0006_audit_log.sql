CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`tenant_id` text,
	`actor_id` text,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_subject_seq_idx` ON `audit_log` (`subject_id`,`seq`);