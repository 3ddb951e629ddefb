using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace HazardPortal.Bench;

/// <summary>
/// The national benchmark dataset on the real division tree: the National Bureau of Statistics' 2023 list (imported by
/// <c>DatabaseSetup</c> from data/divisions, §9 of data/SOURCES.md) gives 31 provinces, 342 prefectures, 2,975 counties
/// and 41,351 townships (金门县, listed again as its own township, is one node); every township the demo does not already use gets ~24 enterprises (by county weight) and their
/// ~4M hazards (10× the 2023 campaign, a fifth of them major), loaded with binary COPY as the superuser (COPY FROM
/// refuses tables under row security otherwise) with foreign-key triggers off and secondary indexes dropped during the
/// load and rebuilt after. Deterministic: the same list and scale give the same rows. Each stage is recorded in
/// <c>bench.dataset</c> (its own schema: the application grants cover public only) so a later run reuses what is there
/// and a new stage (a later issue's records) is added without regenerating the rest.
/// </summary>
public sealed class NationalDataset(string adminDb, double scale, TextWriter log)
{
    public const int Seed = 2023;

    /// <summary>The benchmark's "today": the end of the campaign year the dataset spans.</summary>
    public static readonly DateOnly Today = new(2024, 4, 30);

    public static readonly DateOnly FirstDay = new(2023, 5, 1);

    // Sectors an enterprise can belong to, weighted roughly like the campaign's ledgers.
    private static readonly (string Code, int Weight)[] Sectors =
        [("INDTRADE", 30), ("INDTRADE.METALLURGY", 3), ("HAZCHEM", 8), ("MINE.NONCOAL", 3), ("MINE.COAL", 1), ("FIRE", 15), ("GAS", 5),
         ("PROJECTS.BUILDING", 10), ("TRANSPORT.ROAD", 8), ("SPECIAL_EQUIP", 5), ("FIREWORKS", 1), ("CULTURE_TOURISM", 3), ("SELFBUILT", 4),
         ("FISHING_VESSEL", 1), ("HYDRO.LT50K", 1), ("OTHER", 2)];

    private static readonly string[] MajorTitles =
        ["粉尘爆炸危险场所未按规定设置泄爆装置", "有限空间作业未执行先通风、再检测、后作业", "危险化学品储罐区未设置紧急切断装置", "涉氨制冷系统未设置氨气泄漏报警装置",
         "燃气管道穿越建筑物未采取防护措施", "高处作业平台防护栏杆缺失", "冲床光电保护装置失效", "安全出口被锁闭、疏散通道被占用",
         "脚手架未按专项方案搭设", "矿井通风系统不完善", "特种作业人员未持证上岗", "熔融金属吊运未使用冶金起重机"];

    private static readonly string[] GeneralTitles =
        ["灭火器压力不足", "配电箱未接地", "安全警示标志缺失", "应急照明灯损坏", "作业人员未佩戴安全帽", "消防通道堆放杂物",
         "叉车作业区未划线", "电缆老化破损", "安全培训记录不全", "劳动防护用品发放台账缺失"];

    private static readonly string[] NamePrefixes =
        ["宏达", "鑫源", "华泰", "恒通", "永安", "嘉禾", "瑞丰", "新港", "兴旺", "天成", "金鹏", "长城", "东方", "联创", "盛世", "汇丰"];

    private readonly Random rng = new(Seed);

    /// <summary>A township of the list and the index of its county (the parent node) in <see cref="counties"/>.</summary>
    private sealed record Township(string Code, string Path, int County);

    private readonly List<string> counties = [];

    private readonly List<Township> townships = [];

    /// <summary>The stage's name says which tree it stands on: the dataset on the synthetic tree of earlier runs is replaced.</summary>
    public static string StageName(double scale) => "national-nbs2023@" + scale.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Loads the dataset unless this scale is already there. True when it generated.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, "CREATE SCHEMA IF NOT EXISTS bench; CREATE TABLE IF NOT EXISTS bench.dataset (stage text PRIMARY KEY, rows bigint NOT NULL, seconds double precision NOT NULL, done_at timestamptz NOT NULL DEFAULT now())", ct);
        var stage = StageName(scale);
        var done = await ScalarAsync<long?>(conn, "SELECT rows FROM bench.dataset WHERE stage = @s", ct, ("s", stage));
        if (done is not null)
        {
            log.WriteLine($"dataset {stage}: reusing {done:N0} hazards");
            return false;
        }

        var other = await ScalarAsync<string?>(conn, "SELECT stage FROM bench.dataset WHERE stage LIKE 'national%' AND stage <> @s", ct, ("s", stage));
        if (other is not null)
        {
            throw new InvalidOperationException($"The bench database holds dataset {other}; run with --regenerate to replace it with {stage}.");
        }

        var watch = Stopwatch.StartNew();
        var hazards = await LoadAsync(ct);
        await using var record = new NpgsqlCommand("INSERT INTO bench.dataset (stage, rows, seconds) VALUES (@s, @r, @t)", conn);
        record.Parameters.AddWithValue("s", stage);
        record.Parameters.AddWithValue("r", hazards);
        record.Parameters.AddWithValue("t", watch.Elapsed.TotalSeconds);
        await record.ExecuteNonQueryAsync(ct);
        log.WriteLine($"dataset {stage}: {hazards:N0} hazards loaded in {watch.Elapsed.TotalSeconds:F0} s");
        return true;
    }

    /// <summary>
    /// The townships of the division list still in force, in code order, grouped by their parent (a county, or the city
    /// itself for 东莞/中山/儋州), leaving out the ones whose enterprises the demo already seeded.
    /// </summary>
    private async Task ReadTreeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand(
            """
            SELECT t.code, t.path::text, t.parent_code FROM jurisdictions t
            WHERE t.level = 'Township' AND t.division_year IS NOT NULL AND t.retired_on IS NULL
              AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.jurisdiction_code = t.code)
            ORDER BY t.code
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var parent = reader.GetString(2);
            if (!index.TryGetValue(parent, out var county))
            {
                county = index[parent] = counties.Count;
                counties.Add(parent);
            }

            townships.Add(new Township(reader.GetString(0), reader.GetString(1), county));
        }

        if (townships.Count < 40_000)
        {
            throw new InvalidOperationException($"The tree holds {townships.Count:N0} townships of the division list; the bench imports data/divisions at start-up (is the directory there?).");
        }
    }

    private async Task<long> LoadAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ReadTreeAsync(conn, ct);
        log.WriteLine($"  division tree: {townships.Count:N0} townships under {counties.Count:N0} counties");
        var indexes = await DropSecondaryIndexesAsync(conn, ["enterprises", "hazards"], ct);
        var watch = Stopwatch.StartNew();

        // Enterprises and their hazards are generated together and streamed into two COPYs at once.
        await using var hazardConn = await OpenAsync(ct);
        await ExecAsync(conn, "SET session_replication_role = replica", ct);
        await ExecAsync(hazardConn, "SET session_replication_role = replica", ct);
        var enterprises = 0L;
        var hazards = 0L;
        var nextReport = 100_000L;
        await using (var ent = await conn.BeginBinaryImportAsync(
            "COPY enterprises (id, name, uscc, jurisdiction_code, path, sector_code, high_risk, supervising_level, address, legal_representative, contact_phone, park_id, accident_prone, disabled, created_at) FROM STDIN (FORMAT BINARY)", ct))
        await using (var haz = await hazardConn.BeginBinaryImportAsync(
            "COPY hazards (id, subject_kind, enterprise_id, place_id, jurisdiction_code, path, title, description, location, sector_code, grade, source, basis_standard_code, basis_clause, found_on, found_by, immediate, " +
            "plan_responsible_person, plan_measures, plan_funds, plan_deadline, plan_emergency_plan, status, reported_on, reported_to_workers_congress, rectified_on, rectification_description, rectified_by_user_id, " +
            "verified_on, acceptor_user_id, acceptor, supervision_level, supervision_unit_id, supervision_unit_name, supervision_tagged_on, supervision_deadline, supervision_removed_on, void_reason, other_found, " +
            "registered_by_unit_id, registered_by_unit_name, registered_by_user_id, idempotency_key, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            var countyWeight = counties.Select(_ => Math.Exp(NextGaussian() * 0.6)).ToArray();
            var meanWeight = countyWeight.Average();
            foreach (var township in townships)
            {
                var expected = 24.0 * scale * countyWeight[township.County] / meanWeight * (0.6 + rng.NextDouble() * 0.8);
                var count = (int)expected + (rng.NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
                for (var i = 0; i < count; i++)
                {
                    enterprises++;
                    var e = NextEnterprise(township, enterprises);
                    await WriteEnterpriseAsync(ent, e, township, ct);
                    var n = rng.Next(0, e.HighRisk ? 12 : 9);
                    for (var k = 0; k < n; k++)
                    {
                        hazards++;
                        await WriteHazardAsync(haz, e, township, ct);
                    }
                }

                if (enterprises >= nextReport)
                {
                    log.WriteLine($"  {enterprises:N0} enterprises, {hazards:N0} hazards ({watch.Elapsed.TotalSeconds:F0} s)");
                    nextReport += 100_000;
                }
            }

            await ent.CompleteAsync(ct);
            await haz.CompleteAsync(ct);
        }

        log.WriteLine($"  copied {enterprises:N0} enterprises and {hazards:N0} hazards in {watch.Elapsed.TotalSeconds:F0} s; rebuilding {indexes.Count} indexes");
        foreach (var index in indexes)
        {
            await ExecAsync(conn, index, ct);
        }

        await ExecAsync(conn, "SET session_replication_role = origin", ct);
        await ExecAsync(conn, "VACUUM (ANALYZE) jurisdictions", ct);
        await ExecAsync(conn, "VACUUM (ANALYZE) enterprises", ct);
        await ExecAsync(conn, "VACUUM (ANALYZE) hazards", ct);
        log.WriteLine($"  indexes rebuilt and tables vacuumed ({watch.Elapsed.TotalSeconds:F0} s)");
        return hazards;
    }

    private sealed record EnterpriseRow(Guid Id, string Name, string SectorCode, bool HighRisk);

    private EnterpriseRow NextEnterprise(Township t, long serial)
    {
        var sector = PickSector();
        var name = $"{NamePrefixes[rng.Next(NamePrefixes.Length)]}{SectorWord(sector)}有限公司{serial.ToString(CultureInfo.InvariantCulture)}";
        return new EnterpriseRow(NextGuid(), name, sector, rng.NextDouble() < 0.1);
    }

    private static async Task WriteEnterpriseAsync(NpgsqlBinaryImporter w, EnterpriseRow e, Township t, CancellationToken ct)
    {
        await w.StartRowAsync(ct);
        await w.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(e.Name, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(Uscc(t, e), NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(t.Code, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(t.Path, NpgsqlDbType.LTree, ct);
        await w.WriteAsync(e.SectorCode, NpgsqlDbType.Text, ct);
        await w.WriteAsync(e.HighRisk, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync("County", NpgsqlDbType.Varchar, ct);
        await w.WriteNullAsync(ct);
        await w.WriteNullAsync(ct);
        await w.WriteNullAsync(ct);
        await w.WriteNullAsync(ct);
        await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
    }

    private static string Uscc(Township t, EnterpriseRow e)
    {
        // 91 + the county's 6-digit division code + a 9-character organisation code from the id + check.
        var org = Math.Abs(BitConverter.ToInt64(e.Id.ToByteArray(), 0) % 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
        return HazardPortal.Core.CreditCode.Complete("91" + t.Code[..6] + org);
    }

    private async Task WriteHazardAsync(NpgsqlBinaryImporter w, EnterpriseRow e, Township t, CancellationToken ct)
    {
        var major = rng.NextDouble() < 0.2;
        var sourceRoll = rng.NextDouble();
        var source = sourceRoll < 0.7 ? "SelfInspection" : sourceRoll < 0.85 ? "DepartmentInspection" : sourceRoll < 0.97 ? "TownshipInspection" : "SupervisoryInspection";
        var self = source == "SelfInspection";
        var span = Today.DayNumber - FirstDay.DayNumber;
        var found = FirstDay.AddDays(rng.Next(0, span + 1));
        var age = Today.DayNumber - found.DayNumber;
        var immediate = !major && self && rng.NextDouble() < 0.5;
        DateOnly? deadline = immediate ? null : found.AddDays(major ? rng.Next(30, 91) : rng.Next(7, 31));
        DateOnly? reported = major || !self ? found.AddDays(self ? Math.Min(age, rng.Next(0, 3)) : 0) : null;

        string status;
        DateOnly? rectified = null, verified = null;
        var roll = rng.NextDouble();
        if (roll < 0.003 && self)
        {
            status = "Draft";
            reported = null;
        }
        else if (roll < 0.013)
        {
            status = "Voided";
        }
        else if (immediate)
        {
            status = "Verified";
            rectified = found;
            verified = found;
        }
        else if (rng.NextDouble() < Math.Min(0.97, age / 75.0))
        {
            var window = deadline!.Value.DayNumber - found.DayNumber + (rng.NextDouble() < 0.1 ? 20 : 0);
            rectified = found.AddDays(Math.Min(age, rng.Next(1, window + 1)));
            var lag = rng.Next(1, 11);
            if (rectified.Value.DayNumber + lag <= Today.DayNumber && rng.NextDouble() < 0.9)
            {
                status = "Verified";
                verified = rectified.Value.AddDays(lag);
            }
            else
            {
                status = "Rectified";
            }
        }
        else
        {
            status = reported is null ? "Registered" : "Reported";
        }

        var supervised = major && status is "Reported" or "Rectified" or "Verified" && rng.NextDouble() < 0.04;
        var tagged = supervised ? found.AddDays(Math.Min(age, 5)) : (DateOnly?)null;
        var titles = major ? MajorTitles : GeneralTitles;

        await w.StartRowAsync(ct);
        await w.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync("Enterprise", NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
        await w.WriteNullAsync(ct);
        await w.WriteAsync(t.Code, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(t.Path, NpgsqlDbType.LTree, ct);
        await w.WriteAsync(titles[rng.Next(titles.Length)], NpgsqlDbType.Varchar, ct);
        await w.WriteNullAsync(ct);
        await WriteOrNull(w, rng.NextDouble() < 0.5 ? $"{rng.Next(1, 9)}号车间" : null, NpgsqlDbType.Text, ct);
        await w.WriteAsync(e.SectorCode, NpgsqlDbType.Text, ct);
        await w.WriteAsync(major ? "Major" : "General", NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(source, NpgsqlDbType.Varchar, ct);
        await WriteOrNull(w, major ? "MAH-INDTRADE-2023" : null, NpgsqlDbType.Text, ct);
        await WriteOrNull(w, major ? $"第{rng.Next(1, 20)}条" : null, NpgsqlDbType.Text, ct);
        await w.WriteAsync(found, NpgsqlDbType.Date, ct);
        await w.WriteAsync(self ? "企业自查" : "检查组", NpgsqlDbType.Text, ct);
        await w.WriteAsync(immediate, NpgsqlDbType.Boolean, ct);
        await WriteOrNull(w, deadline is null ? null : "张安全", NpgsqlDbType.Text, ct);
        await WriteOrNull(w, deadline is null ? null : "停用整改，加装防护装置", NpgsqlDbType.Text, ct);
        if (deadline is null)
        {
            await w.WriteNullAsync(ct);
            await w.WriteNullAsync(ct);
        }
        else
        {
            await w.WriteAsync((decimal)rng.Next(1, 200) / 10m, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(deadline.Value, NpgsqlDbType.Date, ct);
        }

        await WriteOrNull(w, major ? "整改期间停止相关作业并设置警戒" : null, NpgsqlDbType.Text, ct);
        await w.WriteAsync(status, NpgsqlDbType.Varchar, ct);
        await WriteDateOrNull(w, reported, ct);
        await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        await WriteDateOrNull(w, rectified, ct);
        await WriteOrNull(w, rectified is null ? null : "已按方案整改完毕", NpgsqlDbType.Text, ct);
        await WriteGuidOrNull(w, rectified is null ? null : NextGuid(), ct);
        await WriteDateOrNull(w, verified, ct);
        await WriteGuidOrNull(w, verified is null ? null : NextGuid(), ct);
        await WriteOrNull(w, verified is null ? null : "李验收", NpgsqlDbType.Text, ct);
        await WriteOrNull(w, supervised ? "County" : null, NpgsqlDbType.Varchar, ct);
        await WriteGuidOrNull(w, supervised ? NextGuid() : null, ct);
        await WriteOrNull(w, supervised ? "县安委办" : null, NpgsqlDbType.Text, ct);
        await WriteDateOrNull(w, tagged, ct);
        await WriteDateOrNull(w, tagged?.AddDays(30), ct);
        await WriteDateOrNull(w, supervised && verified is not null ? verified : null, ct);
        await WriteOrNull(w, status == "Voided" ? "重复登记" : null, NpgsqlDbType.Text, ct);
        await w.WriteAsync(!self, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(self ? e.Id : NextGuid(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(self ? e.Name : "检查单位", NpgsqlDbType.Text, ct);
        await w.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, ct);
        await w.WriteNullAsync(ct);
        await w.WriteAsync(new DateTime(found.Year, found.Month, found.Day, 2, 0, 0, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
    }

    private static async Task WriteOrNull(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await w.WriteNullAsync(ct);
        }
        else
        {
            await w.WriteAsync(value, type, ct);
        }
    }

    private static async Task WriteDateOrNull(NpgsqlBinaryImporter w, DateOnly? value, CancellationToken ct)
    {
        if (value is { } d)
        {
            await w.WriteAsync(d, NpgsqlDbType.Date, ct);
        }
        else
        {
            await w.WriteNullAsync(ct);
        }
    }

    private static async Task WriteGuidOrNull(NpgsqlBinaryImporter w, Guid? value, CancellationToken ct)
    {
        if (value is { } g)
        {
            await w.WriteAsync(g, NpgsqlDbType.Uuid, ct);
        }
        else
        {
            await w.WriteNullAsync(ct);
        }
    }

    /// <summary>Drops every index of the tables except primary keys and returns their definitions.</summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection conn, string[] tables, CancellationToken ct)
    {
        var defs = new List<(string Name, string Def)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY(@t) AND i.indexname NOT LIKE 'pk\\_%'", conn))
        {
            cmd.Parameters.AddWithValue("t", tables);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                defs.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in defs)
        {
            await ExecAsync(conn, $"DROP INDEX {name}", ct);
        }

        return defs.Select(d => d.Def).ToList();
    }

    private string PickSector()
    {
        var total = Sectors.Sum(s => s.Weight);
        var roll = rng.Next(total);
        foreach (var (code, weight) in Sectors)
        {
            if (roll < weight)
            {
                return code;
            }

            roll -= weight;
        }

        return "OTHER";
    }

    private static string SectorWord(string sector) => sector switch
    {
        "HAZCHEM" => "化工",
        "MINE.NONCOAL" or "MINE.COAL" => "矿业",
        "PROJECTS.BUILDING" => "建设",
        "TRANSPORT.ROAD" => "运输",
        "GAS" => "燃气",
        "FIREWORKS" => "烟花",
        "CULTURE_TOURISM" => "旅游",
        _ => "实业",
    };

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    private double NextGaussian() =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var conn = new NpgsqlConnection(adminDb);
        await conn.OpenAsync(ct);
        return conn;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The benchmark's own DDL and queries, written in code; values are parameters.")]
    public static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The benchmark's own DDL and queries, written in code; values are parameters.")]
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        var result = await cmd.ExecuteScalarAsync(ct);
        return result is null or DBNull ? default! : (T)result;
    }
}
