using HazardPortal.Core.Dispatch;

namespace HazardPortal.UnitTests;

/// <summary>003 附件2 as data: rows that overlap, rates as Σ numerator ÷ Σ denominator, totals that count each record once.</summary>
public class SectorMatrixTests
{
    [Fact]
    public void Rows_and_columns_keep_the_seed_wording_and_order()
    {
        Assert.Equal(
            ["累计总计", "本月总计", "交通运输", "公路设施", "建设项目", "其中：房屋市政", "公路", "铁路", "水利", "电力", "各类园区", "煤矿", "非煤矿山", "自建房", "燃气设施",
             "特种设备", "化工和危化品", "旅游", "消防", "工贸", "水电站", "其中：5万（含）以上", "5万以下", "防汛减灾", "老旧装置", "高危装置", "事故易发多发企业", "其他"],
            SectorMatrix.Rows.Select(r => r.Label));
        Assert.Equal(24, SectorMatrix.Columns.Count);
        Assert.Equal(
            ["排查重大风险", "治理重大隐患", "解决突出问题", "开展督导检查", "执法处罚", "约谈警示", "联合惩戒", "行刑衔接"],
            SectorMatrix.Columns.Select(c => c.Group).Distinct());
        Assert.Equal("项,项,%,项,项,项,项,%,项,项,项,%,个,人,家,次,家,家,家,万,人,家,家,件", string.Join(",", SectorMatrix.Columns.Select(c => c.Unit)));
        Assert.Contains(SectorMatrix.Columns, c => c.Label == "已落实“4个清单”管控措施");
        var template = SectorMatrix.Template();
        Assert.Equal("全州重大事故隐患专项排查整治2023行动工作情况统计表", template.Title);
        Assert.Equal(WindowKind.YearToDate, template.Window);
        Assert.Equal(["supervision_teams", "experts"], template.Cells().Where(c => c.Cell.Manual).Select(c => c.Cell.Key.Split(':')[1]).Distinct());
        Assert.DoesNotContain(template.Cells(), c => c.Cell.Key.EndsWith("_rate", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_belongs_to_every_row_its_sector_and_tags_name()
    {
        // A highway construction site of an accident-prone enterprise in a park, with an aging installation: five rows.
        Assert.Equal(["PROJECTS", "PROJECTS.HIGHWAY", "PARKS", "OLD_UNITS", "ACCIDENT_PRONE"],
            SectorMatrix.RowsOf(new MatrixSubject("PROJECTS.HIGHWAY", InPark: true, AgingEquipment: true, AccidentProne: true)));

        // 公路设施 sits under 交通运输 in the taxonomy, but the seed gives it a row of its own (not 其中): counted apart (#17).
        Assert.Equal(["HIGHWAY_FACILITY"], SectorMatrix.RowsOf(new MatrixSubject("TRANSPORT.HIGHWAY_FACILITY")));
        Assert.Equal(["TRANSPORT"], SectorMatrix.RowsOf(new MatrixSubject("TRANSPORT.ROAD")));

        // Hydropower by installed capacity (kW); the sub-sector decides only when the capacity is unknown.
        Assert.Equal(["HYDRO", "HYDRO.GE50K"], SectorMatrix.RowsOf(new MatrixSubject("HYDRO", CapacityKw: 50000)));
        Assert.Equal(["HYDRO", "HYDRO.LT50K"], SectorMatrix.RowsOf(new MatrixSubject("HYDRO", CapacityKw: 49999)));
        Assert.Equal(["HYDRO", "HYDRO.LT50K"], SectorMatrix.RowsOf(new MatrixSubject("HYDRO.GE50K", CapacityKw: 12000)));
        Assert.Equal(["HYDRO", "HYDRO.GE50K"], SectorMatrix.RowsOf(new MatrixSubject("HYDRO.GE50K")));
        Assert.Equal(["HYDRO"], SectorMatrix.RowsOf(new MatrixSubject("HYDRO")));

        // 其他: no sector row takes it (tags do not matter); a tag alone does not make it 其他 twice.
        Assert.Equal(["OTHER"], SectorMatrix.RowsOf(new MatrixSubject("CAMPUS")));
        Assert.Equal(["HIGH_RISK_UNITS", "OTHER"], SectorMatrix.RowsOf(new MatrixSubject("FIREWORKS", HighRiskEquipment: true)));
        Assert.Equal(["MINE.COAL"], SectorMatrix.RowsOf(new MatrixSubject("MINE.COAL")));
        Assert.Equal(["OTHER"], SectorMatrix.RowsOf(new MatrixSubject("MINE")));
    }

    [Fact]
    public void Rates_are_sums_over_sums_with_one_decimal_and_a_dash_without_a_denominator()
    {
        Assert.Null(SectorMatrix.Rate(0, 0));
        Assert.Equal("—", SectorMatrix.FormatRate(SectorMatrix.Rate(0, 0)));
        Assert.Equal(0m, SectorMatrix.Rate(0, 7));
        Assert.Equal("66.7%", SectorMatrix.FormatRate(SectorMatrix.Rate(2, 3)));
        Assert.Equal("100.0%", SectorMatrix.FormatRate(SectorMatrix.Rate(4, 4)));

        // Two children: 1 of 1 and 1 of 3 → 2 of 4 = 50.0%, not the average of 100% and 33.3%.
        var children = new[] { (Num: 1m, Den: 1m), (Num: 1m, Den: 3m) };
        Assert.Equal(50.0m, SectorMatrix.Rate(children.Sum(c => c.Num), children.Sum(c => c.Den)));
        var values = new Dictionary<string, decimal> { ["GAS:hazards"] = 4, ["GAS:hazards_rectified"] = 2, ["TOTAL:hazards"] = 0 };
        var rates = SectorMatrix.Rates(values);
        Assert.Equal(50.0m, rates["GAS:hazards_rate"]);
        Assert.Null(rates["TOTAL:hazards_rate"]);
        Assert.Null(rates["GAS:problems_rate"]);
    }

    [Fact]
    public void The_total_counts_a_record_with_two_tags_once_while_the_rows_count_it_twice()
    {
        // Three hazards: one gas hazard at a park enterprise (rows GAS and PARKS), two plain fire hazards.
        MatrixSubject[] hazards = [new("GAS", InPark: true), new("FIRE"), new("FIRE")];
        var rowSum = hazards.Sum(h => SectorMatrix.RowsOf(h).Count);
        Assert.Equal(4, rowSum);
        Assert.Equal(3, hazards.Length); // 累计总计 = every record once
        Assert.NotEqual(rowSum, hazards.Length);
    }

    [Fact]
    public void Matrix_checks_name_the_row_and_rule_and_cells_roll_up_by_their_column()
    {
        var values = new Dictionary<string, decimal> { ["GAS:hazards"] = 2, ["GAS:hazards_rectified"] = 3, ["GAS:risks"] = 1, ["GAS:risks_controlled"] = 1 };
        var error = Assert.Single(FormChecks.Errors(values));
        Assert.Equal("GAS:hazards_rectified", error.Key);
        Assert.Equal("rectified_le_found", error.Rule);
        Assert.StartsWith("燃气设施：", error.Message, StringComparison.Ordinal);

        Assert.Equal(RollUp.DistinctEnterprises, Metrics.Find("FIRE:suspensions")!.RollUp);
        Assert.Equal(RollUp.Sum, Metrics.Find("TOTAL:fines")!.RollUp);
        Assert.Null(Metrics.Find("TOTAL:hazards_rate"));
        Assert.Null(Metrics.Find("NOWHERE:hazards"));
        Assert.True(Metrics.IsKnown("MONTH:supervision_teams"));
    }

    [Fact]
    public void The_membership_sql_is_built_from_the_same_rows()
    {
        var sql = SectorMatrix.RowsSql("s", "park", "kw", "aging", "risky", "prone");
        foreach (var row in SectorMatrix.Rows.Where(r => r.Code is not SectorMatrix.Total and not SectorMatrix.Month))
        {
            Assert.Contains($"'{row.Code}'", sql, StringComparison.Ordinal);
        }

        Assert.Contains("kw >= 50000", sql, StringComparison.Ordinal);
    }
}
