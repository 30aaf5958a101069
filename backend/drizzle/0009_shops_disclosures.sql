CREATE TABLE `disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`complainant_tenant_id` text NOT NULL,
	`complaint_id` text NOT NULL,
	`recipient_tenant_id` text NOT NULL,
	`recipient_user_id` text NOT NULL,
	`fields` text NOT NULL,
	`legal_basis` text NOT NULL,
	FOREIGN KEY (`complainant_tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosures_complainant_at_idx` ON `disclosures` (`complainant_tenant_id`,`at`,`id`);--> statement-breakpoint
CREATE TABLE `shop_claim_proofs` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`position` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `shop_claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_claim_proofs_claim_position_unique` ON `shop_claim_proofs` (`claim_id`,`position`);--> statement-breakpoint
CREATE TABLE `shop_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`marketplace` text NOT NULL,
	`shop_id` text NOT NULL,
	`status` text NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	`reasons` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shop_claims_tenant_created_idx` ON `shop_claims` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `shop_claims_status_created_idx` ON `shop_claims` (`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `shop_claims_verified_unique` ON `shop_claims` (`marketplace`,`shop_id`) WHERE status = 'verified';--> statement-breakpoint
CREATE INDEX `complaint_listings_shop_idx` ON `complaint_listings` (`marketplace`,`shop_id`);