CREATE TABLE `sync_changes` (
	`kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`scope` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`kind`, `entity_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_changes_seq_unique` ON `sync_changes` (`seq`);--> statement-breakpoint
CREATE INDEX `sync_changes_scope_seq_idx` ON `sync_changes` (`scope`,`seq`);--> statement-breakpoint
-- Rows written before this migration, oldest change first, so a first sync sees them all.
INSERT INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`)
SELECT `kind`, `entity_id`, `scope`, row_number() OVER (ORDER BY `at`, `kind`, `entity_id`) FROM (
	SELECT 'complaint' AS `kind`, `id` AS `entity_id`, 'tenant:' || `tenant_id` AS `scope`, `updated_at` AS `at` FROM `complaints`
	UNION ALL SELECT 'info_request', `id`, 'tenant:' || `tenant_id`, coalesce(`resolved_at`, `requested_at`) FROM `info_requests`
	UNION ALL SELECT 'message', `id`, 'user:' || `user_id`, coalesce(`read_at`, `created_at`) FROM `messages`
);
--> statement-breakpoint
CREATE TRIGGER `sync_complaints_insert` AFTER INSERT ON `complaints` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('complaint', NEW.`id`, 'tenant:' || NEW.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_complaints_update` AFTER UPDATE ON `complaints` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('complaint', NEW.`id`, 'tenant:' || NEW.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_complaint_listings_insert` AFTER INSERT ON `complaint_listings` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('complaint', NEW.`complaint_id`, 'tenant:' || NEW.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_complaint_listings_update` AFTER UPDATE ON `complaint_listings` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('complaint', NEW.`complaint_id`, 'tenant:' || NEW.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_complaint_listings_delete` AFTER DELETE ON `complaint_listings` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('complaint', OLD.`complaint_id`, 'tenant:' || OLD.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_info_requests_insert` AFTER INSERT ON `info_requests` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('info_request', NEW.`id`, 'tenant:' || NEW.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_info_requests_update` AFTER UPDATE ON `info_requests` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('info_request', NEW.`id`, 'tenant:' || NEW.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_info_responses_insert` AFTER INSERT ON `info_responses` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('info_request', NEW.`request_id`, 'tenant:' || NEW.`tenant_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_messages_insert` AFTER INSERT ON `messages` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('message', NEW.`id`, 'user:' || NEW.`user_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_messages_update` AFTER UPDATE ON `messages` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`kind`, `entity_id`, `scope`, `seq`) VALUES ('message', NEW.`id`, 'user:' || NEW.`user_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `sync_changes`));
END;
