-- Adjusted by hand: SQLite cannot add a NOT NULL column without a default to a table with rows.
-- Existing rights get their key folded in SQL (spaces and case; full-width folding happens in the
-- service for new filings), and older duplicates keep a distinct key so the index can be built.
ALTER TABLE `rights` ADD `registration_key` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `rights` SET `registration_key` = upper(replace(replace(replace(`registration_number`, ' ', ''), char(9), ''), char(12288), ''));--> statement-breakpoint
UPDATE `rights` SET `registration_key` = `registration_key` || '#' || `id`
  WHERE `status` <> 'rejected' AND EXISTS (
    SELECT 1 FROM `rights` AS `earlier`
    WHERE `earlier`.`tenant_id` = `rights`.`tenant_id` AND `earlier`.`type` = `rights`.`type`
      AND `earlier`.`registration_key` = `rights`.`registration_key` AND `earlier`.`status` <> 'rejected'
      AND `earlier`.`id` < `rights`.`id`
  );--> statement-breakpoint
CREATE UNIQUE INDEX `rights_tenant_type_registration_unique` ON `rights` (`tenant_id`,`type`,`registration_key`) WHERE status <> 'rejected';
