import { MigrationInterface, QueryRunner } from 'typeorm';

// Which platforms a connector may use is the apps' composition (the platform registry), not the
// schema: a platform added in code must not need a migration. The column keeps a shape check only.
export class ConnectorPlatforms1796160600000 implements MigrationInterface {
  name = 'ConnectorPlatforms1796160600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE connectors DROP CONSTRAINT connectors_platform_check`);
    await queryRunner.query(`ALTER TABLE connectors ADD CONSTRAINT connectors_platform_check CHECK (platform ~ '^[a-z][a-z0-9_]{1,31}$')`);
  }

  // Connectors of any platform but TikTok are deleted first: the old check allows no other, and
  // their deliveries cascade with them.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM connectors WHERE platform <> 'tiktok'`);
    await queryRunner.query(`ALTER TABLE connectors DROP CONSTRAINT connectors_platform_check`);
    await queryRunner.query(`ALTER TABLE connectors ADD CONSTRAINT connectors_platform_check CHECK (platform IN ('tiktok'))`);
  }
}
