using System.Globalization;

namespace HazardPortal.Core.Dispatch;

/// <summary>What puts a record in a row of 003 附件2: its sector and the tags of SPEC §2.</summary>
public sealed record MatrixSubject(string Sector, bool InPark = false, decimal? CapacityKw = null, bool AgingEquipment = false, bool HighRiskEquipment = false, bool AccidentProne = false);

/// <summary>
/// A row of 003 附件2 (行业领域): a sector subtree, a tag, or both; rows may overlap where the seed says 其中.
/// <paramref name="Except"/> names subtrees the seed gives a row of their own (公路设施 beside 交通运输, not 其中).
/// </summary>
public sealed record MatrixRow(string Code, string Label, IReadOnlyList<string> Sectors, string? Tag = null, IReadOnlyList<string>? Except = null);

/// <summary>How a column of 003 附件2 is filled and rolled up.</summary>
public enum MatrixColumnKind
{
    /// <summary>项 / 次 / 件: records counted; children add up.</summary>
    Count,

    /// <summary>家: enterprises (or places) counted once; children are disjoint, so they add up.</summary>
    Distinct,

    /// <summary>万 / 人: a sum of amounts.</summary>
    Sum,

    /// <summary>Filled by hand (派出督导组, 组织专家技术服务); children add up.</summary>
    Manual,

    /// <summary>%: Σ numerator ÷ Σ denominator of the same row, never an average of rates.</summary>
    Rate,
}

/// <summary>A column of 003 附件2 under its group, with the seed's label and unit.</summary>
public sealed record MatrixColumn(string Code, string Group, string Label, string Unit, MatrixColumnKind Kind, string? Numerator = null, string? Denominator = null);

/// <summary>
/// 003 附件2 (全州重大事故隐患专项排查整治2023行动工作情况统计表) as data: rows (sectors and tags) × columns
/// (metrics over the records), word for word. A cell is keyed <c>row:column</c>. The two total rows
/// count every record once (distinct), never as the sum of the rows; 本月总计 is the same over the month
/// to the as-of day. Definitions of each column are in <see cref="SectorMatrixComputer"/>.
/// </summary>
public static class SectorMatrix
{
    public const string TemplateCode = "HH-SECTOR-2023";
    public const string Total = "TOTAL";
    public const string Month = "MONTH";
    public const string Other = "OTHER";

    // Tags (SPEC §2): 各类园区 (an enterprise in a registered park, or the park itself), 水电站 by installed
    // capacity, 老旧装置 / 高危装置 (hazards and risks), 事故易发多发企业.
    public const string TagPark = "park";
    public const string TagHydroLarge = "hydro_ge50k";
    public const string TagHydroSmall = "hydro_lt50k";
    public const string TagAging = "aging";
    public const string TagHighRisk = "high_risk";
    public const string TagAccidentProne = "accident_prone";

    /// <summary>5万（含）以上: installed capacity in kW (5万 kW).</summary>
    public const decimal HydroThresholdKw = 50000m;

    public static readonly IReadOnlyList<MatrixRow> Rows =
    [
        new(Total, "累计总计", []),
        new(Month, "本月总计", []),
        new("TRANSPORT", "交通运输", ["TRANSPORT"], Except: ["TRANSPORT.HIGHWAY_FACILITY"]), // 公路设施 is the next row, not 其中
        new("HIGHWAY_FACILITY", "公路设施", ["TRANSPORT.HIGHWAY_FACILITY"]),
        new("PROJECTS", "建设项目", ["PROJECTS"]),
        new("PROJECTS.BUILDING", "其中：房屋市政", ["PROJECTS.BUILDING"]),
        new("PROJECTS.HIGHWAY", "公路", ["PROJECTS.HIGHWAY"]),
        new("PROJECTS.RAIL", "铁路", ["PROJECTS.RAIL"]),
        new("PROJECTS.WATER", "水利", ["PROJECTS.WATER"]),
        new("PROJECTS.POWER", "电力", ["PROJECTS.POWER"]),
        new("PARKS", "各类园区", ["PARKS"], TagPark),
        new("MINE.COAL", "煤矿", ["MINE.COAL"]),
        new("MINE.NONCOAL", "非煤矿山", ["MINE.NONCOAL"]),
        new("SELFBUILT", "自建房", ["SELFBUILT"]),
        new("GAS", "燃气设施", ["GAS"]),
        new("SPECIAL_EQUIP", "特种设备", ["SPECIAL_EQUIP"]),
        new("HAZCHEM", "化工和危化品", ["HAZCHEM"]),
        new("TOURISM", "旅游", ["CULTURE_TOURISM"]),
        new("FIRE", "消防", ["FIRE"]),
        new("INDTRADE", "工贸", ["INDTRADE"]),
        new("HYDRO", "水电站", ["HYDRO"]),
        new("HYDRO.GE50K", "其中：5万（含）以上", [], TagHydroLarge),
        new("HYDRO.LT50K", "5万以下", [], TagHydroSmall),
        new("FLOOD", "防汛减灾", ["FLOOD"]),
        new("OLD_UNITS", "老旧装置", ["OLD_UNITS"], TagAging),
        new("HIGH_RISK_UNITS", "高危装置", ["HIGH_RISK_UNITS"], TagHighRisk),
        new("ACCIDENT_PRONE", "事故易发多发企业", ["ACCIDENT_PRONE"], TagAccidentProne),
        new(Other, "其他", []),
    ];

    public static readonly IReadOnlyList<MatrixColumn> Columns =
    [
        new("risks", "排查重大风险", "排查重大风险", "项", MatrixColumnKind.Count),
        new("risks_controlled", "排查重大风险", "已落实“4个清单”管控措施", "项", MatrixColumnKind.Count),
        new("risks_rate", "排查重大风险", "管控率", "%", MatrixColumnKind.Rate, "risks_controlled", "risks"),
        new("hazards", "治理重大隐患", "发现重大隐患", "项", MatrixColumnKind.Count),
        new("hazards_measures", "治理重大隐患", "落实治理措施", "项", MatrixColumnKind.Count),
        new("hazards_supervised", "治理重大隐患", "其中：挂牌督办治理", "项", MatrixColumnKind.Count),
        new("hazards_rectified", "治理重大隐患", "已完成治理", "项", MatrixColumnKind.Count),
        new("hazards_rate", "治理重大隐患", "治理率", "%", MatrixColumnKind.Rate, "hazards_rectified", "hazards"),
        new("problems", "解决突出问题", "梳理突出问题", "项", MatrixColumnKind.Count),
        new("problems_rootcause", "解决突出问题", "其中：落实治本措施", "项", MatrixColumnKind.Count),
        new("problems_rectified", "解决突出问题", "已整改", "项", MatrixColumnKind.Count),
        new("problems_rate", "解决突出问题", "整改率", "%", MatrixColumnKind.Rate, "problems_rectified", "problems"),
        new("supervision_teams", "开展督导检查", "派出督导组", "个", MatrixColumnKind.Manual),
        new("experts", "开展督导检查", "组织专家技术服务", "人", MatrixColumnKind.Manual),
        new("enterprises_served", "开展督导检查", "检查服务企业单位", "家", MatrixColumnKind.Distinct),
        new("penalties", "执法处罚", "行政处罚", "次", MatrixColumnKind.Count),
        new("suspensions", "执法处罚", "责令停产整顿企业", "家", MatrixColumnKind.Distinct),
        new("licence_suspensions", "执法处罚", "暂扣吊销证照企业", "家", MatrixColumnKind.Distinct),
        new("closures", "执法处罚", "关闭取缔企业", "家", MatrixColumnKind.Distinct),
        new("fines", "执法处罚", "罚款", "万", MatrixColumnKind.Sum),
        new("referral_persons", "执法处罚", "移送司法机关", "人", MatrixColumnKind.Sum),
        new("interviews", "约谈警示", "约谈警示", "家", MatrixColumnKind.Distinct),
        new("joint_punishments", "联合惩戒", "联合惩戒", "家", MatrixColumnKind.Distinct),
        new("referral_cases", "行刑衔接", "行刑衔接", "件", MatrixColumnKind.Count),
    ];

    /// <summary>The numerator ≤ denominator pairs checked before submit, per row (rates stay ≤ 100%).</summary>
    public static readonly IReadOnlyList<(string Column, string Limit, string Rule, string Message)> ColumnChecks =
    [
        ("risks_controlled", "risks", "controlled_le_risks", "已落实“4个清单”管控措施的风险数不能大于排查重大风险数"),
        ("hazards_measures", "hazards", "measures_le_found", "落实治理措施的隐患数不能大于发现重大隐患数"),
        ("hazards_supervised", "hazards", "supervised_le_found", "挂牌督办治理的隐患数不能大于发现重大隐患数"),
        ("hazards_rectified", "hazards", "rectified_le_found", "已完成治理的隐患数不能大于发现重大隐患数"),
        ("problems_rootcause", "problems", "rootcause_le_problems", "落实治本措施的问题数不能大于梳理突出问题数"),
        ("problems_rectified", "problems", "rectified_le_problems", "已整改的问题数不能大于梳理突出问题数"),
    ];

    private static readonly Dictionary<string, MatrixColumn> ColumnByCode = Columns.ToDictionary(c => c.Code);
    private static readonly Dictionary<string, MatrixRow> RowByCode = Rows.ToDictionary(r => r.Code);

    /// <summary>The sector prefixes of the sector rows: a record whose sector is under none of them is 其他.</summary>
    public static IEnumerable<string> SectorPrefixes => Rows.SelectMany(r => r.Sectors).Distinct();

    public static string Key(string row, string column) => $"{row}:{column}";

    public static bool TryParse(string key, out MatrixRow row, out MatrixColumn column)
    {
        var parts = key.Split(':');
        row = null!;
        column = null!;
        return parts.Length == 2 && RowByCode.TryGetValue(parts[0], out row!) && ColumnByCode.TryGetValue(parts[1], out column!);
    }

    public static MatrixColumn? Column(string code) => ColumnByCode.GetValueOrDefault(code);

    public static bool InSector(string sector, string prefix) =>
        sector == prefix || sector.StartsWith(prefix + ".", StringComparison.Ordinal);

    /// <summary>The rows (other than the totals) a record belongs to; several when its sector and tags overlap, 其他 when no sector row takes it.</summary>
    public static IReadOnlyList<string> RowsOf(MatrixSubject s)
    {
        var rows = new List<string>();
        foreach (var row in Rows.Where(r => r.Code is not Total and not Month and not Other))
        {
            if ((row.Sectors.Any(p => InSector(s.Sector, p)) && !(row.Except ?? []).Any(p => InSector(s.Sector, p))) || HasTag(row.Tag, s))
            {
                rows.Add(row.Code);
            }
        }

        if (!SectorPrefixes.Any(p => InSector(s.Sector, p)))
        {
            rows.Add(Other);
        }

        return rows;
    }

    private static bool HasTag(string? tag, MatrixSubject s) => tag switch
    {
        TagPark => s.InPark,
        TagHydroLarge => InSector(s.Sector, "HYDRO") && (s.CapacityKw is { } kw ? kw >= HydroThresholdKw : s.Sector == "HYDRO.GE50K"),
        TagHydroSmall => InSector(s.Sector, "HYDRO") && (s.CapacityKw is { } kw ? kw < HydroThresholdKw : s.Sector == "HYDRO.LT50K"),
        TagAging => s.AgingEquipment,
        TagHighRisk => s.HighRiskEquipment,
        TagAccidentProne => s.AccidentProne,
        _ => false,
    };

    /// <summary>
    /// The same membership as a SQL array expression over columns named by the caller (sector, in_park,
    /// capacity_kw, aging, high_risk, accident_prone), so the database unnests each record into its rows.
    /// </summary>
    public static string RowsSql(string sector, string inPark, string capacityKw, string aging, string highRisk, string accidentProne)
    {
        string In(string prefix) => $"({sector} = '{prefix}' OR {sector} LIKE '{prefix}.%')";
        string Tag(string tag) => tag switch
        {
            TagPark => inPark,
            TagHydroLarge => $"({In("HYDRO")} AND CASE WHEN {capacityKw} IS NOT NULL THEN {capacityKw} >= {HydroThresholdKw.ToString(CultureInfo.InvariantCulture)} ELSE {sector} = 'HYDRO.GE50K' END)",
            TagHydroSmall => $"({In("HYDRO")} AND CASE WHEN {capacityKw} IS NOT NULL THEN {capacityKw} < {HydroThresholdKw.ToString(CultureInfo.InvariantCulture)} ELSE {sector} = 'HYDRO.LT50K' END)",
            TagAging => aging,
            TagHighRisk => highRisk,
            TagAccidentProne => accidentProne,
            _ => "false",
        };

        var parts = Rows.Where(r => r.Code is not Total and not Month and not Other).Select(r =>
        {
            var conditions = r.Sectors.Select(p => r.Except is { Count: > 0 } except
                ? $"({In(p)} AND NOT ({string.Join(" OR ", except.Select(In))}))"
                : In(p)).ToList();
            if (r.Tag is { } tag)
            {
                conditions.Add($"coalesce({Tag(tag)}, false)");
            }

            return $"CASE WHEN {string.Join(" OR ", conditions)} THEN '{r.Code}' END";
        }).ToList();
        parts.Add($"CASE WHEN NOT ({string.Join(" OR ", SectorPrefixes.Select(In))}) THEN '{Other}' END");
        return $"array_remove(ARRAY[{string.Join(", ", parts)}], NULL)";
    }

    /// <summary>A rate cell's value from its row's numerator and denominator: a percentage with one decimal, or null ("—") when the denominator is 0.</summary>
    public static decimal? Rate(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : Math.Round(numerator * 100m / denominator, 1, MidpointRounding.AwayFromZero);

    public static string FormatRate(decimal? rate) => rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Every rate of the matrix from the cell values (Σ numerator ÷ Σ denominator per row).</summary>
    public static Dictionary<string, decimal?> Rates(IReadOnlyDictionary<string, decimal> values) =>
        Rows.SelectMany(r => Columns.Where(c => c.Kind == MatrixColumnKind.Rate).Select(c => (r, c)))
            .ToDictionary(
                x => Key(x.r.Code, x.c.Code),
                x => Rate(values.GetValueOrDefault(Key(x.r.Code, x.c.Numerator!)), values.GetValueOrDefault(Key(x.r.Code, x.c.Denominator!))));

    /// <summary>The template as data: each row a section, each non-rate column an item holding one cell (manual ones filled by hand).</summary>
    public static DispatchTemplate Template() => new()
    {
        Code = TemplateCode,
        Name = "全州重大事故隐患专项排查整治2023行动工作情况统计表", // the seed's own title (003 附件2), everywhere the template is named
        Title = "全州重大事故隐患专项排查整治2023行动工作情况统计表",
        UnitCaption = "填报单位：",
        Source = "003 附件2",
        IssuedAt = [JurisdictionLevel.Prefecture],
        Cadence = "ThreeTimesMonthly",
        CutoffDay = 25,
        Window = WindowKind.YearToDate,
        HolidayShift = false,
        CampaignCode = Records.Campaign.Default,
        Layout = TemplateLayout.Matrix,
        Sections = Rows.Select(r => new TemplateSection(r.Label, Columns.Where(c => c.Kind != MatrixColumnKind.Rate)
            .Select(c => new TemplateItem(Columns.ToList().IndexOf(c) + 1, c.Label, [new TemplateCell(Key(r.Code, c.Code), c.Kind == MatrixColumnKind.Manual, c.Unit)]))
            .ToList())).ToList(),
        FooterLines = ["审核人：", "填报联系人：", "联系电话："],
        Notes =
        [
            "请各县市和州级各有关部门于每月5/15/25日前将今年以来累计数报至州安委会办公室邮箱：hhzawb@126.com。联系人及电话：杨健春，3732829，13769439963。行业领域划分范围参照《红河州重大安全风险大排查方案》。报送数据必须实事求是，严禁弄虚作假。",
        ],
    };
}
