ALTER TABLE `captures` ADD `page_read_json` text;--> statement-breakpoint
ALTER TABLE `captures` ADD `page_read_correction_json` text;