CREATE TABLE `capture_artefacts` (
	`capture_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sequence` integer,
	`width` integer,
	`height` integer,
	`display_sha256` text,
	`received_at` integer,
	PRIMARY KEY(`capture_id`, `position`),
	FOREIGN KEY (`capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `capture_artefacts_sha_idx` ON `capture_artefacts` (`capture_id`,`sha256`);