using ClosedXML.Excel;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>Failures are never silent (issue #15 §7): an export of more than 20,000 rows returns every row, on A4.</summary>
public class LargeExportTests(LargeExportTests.App app) : IClassFixture<LargeExportTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task A_ledger_export_of_more_than_20000_rows_returns_every_row()
    {
        const int extra = 20_050;
        Guid template;
        await using (var db = app.SystemDb())
        {
            // A hazard the export lists (not a draft: the demo's history depends on the day it is seeded, so which row comes
            // first is not fixed — the choice must not be left to the database's order).
            template = await db.Hazards
                .Where(h => h.TownshipCode == "360124101000" && h.EnterpriseId != null && h.Status != Core.Hazards.HazardStatus.Draft)
                .OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();
        }

        // Copies of one of 李渡镇's hazards (every stored column but the generated ones), each with its own id and title,
        // written by the owner with the row triggers off (the roll-up aggregates are not what this test reads).
        await using (var conn = new Npgsql.NpgsqlConnection(app.OwnerConnection))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"""
                SELECT set_config('hp.scope_path', '000000000000', false), set_config('hp.business', 'on', false);
                ALTER TABLE hazards DISABLE TRIGGER USER;
                DO $$
                DECLARE cols text;
                BEGIN
                    SELECT string_agg(quote_ident(column_name), ', ') INTO cols FROM information_schema.columns
                    WHERE table_name = 'hazards' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'title', 'idempotency_key', 'xmin');
                    EXECUTE format('INSERT INTO hazards (id, title, %s) SELECT gen_random_uuid(), ''批量导出隐患 '' || g, %s FROM hazards, generate_series(1, {extra}) g WHERE hazards.id = %L',
                                   cols, cols, '{template}');
                END $$;
                ALTER TABLE hazards ENABLE TRIGGER USER;
                """, conn) { CommandTimeout = 300 };
            await cmd.ExecuteNonQueryAsync();
        }

        await using (var db = app.SystemDb())
        {
            var expected = await db.Hazards.CountAsync(h => h.TownshipCode == "360124101000" && h.Status != Core.Hazards.HazardStatus.Draft);
            Assert.True(expected > 20_000);
            using var lidu = await app.ClientForAsync("jx.lidu");
            var response = await lidu.GetAsync("/api/v1/hazards/export.xlsx");
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
            using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var sheet = workbook.Worksheet(1);
            Assert.Equal(expected + 2, sheet.LastRowUsed()!.RowNumber()); // the title, the headers, every hazard
            Assert.Equal(expected, sheet.Cell(expected + 2, 1).GetValue<int>());
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal("隐患名称", sheet.Cell(2, 2).GetString());
            Assert.Equal(XLDataType.DateTime, sheet.Cell(3, 9).DataType); // 发现日期 as an Excel date
        }
    }
}
