using HazardPortal.Core.Dispatch;
using HazardPortal.Core.ReferenceData;
using HazardPortal.Tests;
using Npgsql;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// 003 附件2's rows are decided twice — in C# for a single record and in SQL when PostgreSQL unnests every record
/// into its rows — from the same row list. For every sector of the reference data, alone and with each tag, both
/// give the same rows; 公路设施 is a row of its own and not inside 交通运输 (issue #17: the seed does not mark it 其中).
/// </summary>
public class SectorMembershipTests(SectorMembershipTests.App app) : IClassFixture<SectorMembershipTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task The_database_puts_every_sector_and_tag_in_the_same_rows_as_the_code()
    {
        var subjects = ReferenceDataImporter.Sectors().Select(s => s.Code)
            .SelectMany(code => new[]
            {
                new MatrixSubject(code), new MatrixSubject(code, InPark: true), new MatrixSubject(code, CapacityKw: 60000),
                new MatrixSubject(code, CapacityKw: 1000), new MatrixSubject(code, AgingEquipment: true, HighRiskEquipment: true, AccidentProne: true),
            }).ToList();
        await using var conn = new NpgsqlConnection(app.OwnerConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        var sql = $"SELECT {SectorMatrix.RowsSql("@sector", "@park", "@kw", "@aging", "@risky", "@prone")}";
        foreach (var s in subjects)
        {
            await using var command = new NpgsqlCommand(sql, conn);
            command.Parameters.AddWithValue("sector", s.Sector);
            command.Parameters.AddWithValue("park", s.InPark);
            command.Parameters.Add(new NpgsqlParameter("kw", NpgsqlTypes.NpgsqlDbType.Numeric) { Value = (object?)s.CapacityKw ?? DBNull.Value });
            command.Parameters.AddWithValue("aging", s.AgingEquipment);
            command.Parameters.AddWithValue("risky", s.HighRiskEquipment);
            command.Parameters.AddWithValue("prone", s.AccidentProne);
            var rows = (string[])(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            Assert.True(SectorMatrix.RowsOf(s).SequenceEqual(rows), $"{s}: code {string.Join(",", SectorMatrix.RowsOf(s))}, database {string.Join(",", rows)}");
        }

        Assert.Equal(["HIGHWAY_FACILITY"], SectorMatrix.RowsOf(new MatrixSubject("TRANSPORT.HIGHWAY_FACILITY")));
        Assert.Equal(["TRANSPORT"], SectorMatrix.RowsOf(new MatrixSubject("TRANSPORT.ROAD")));
    }
}
