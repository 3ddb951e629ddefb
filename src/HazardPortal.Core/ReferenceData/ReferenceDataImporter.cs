using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.ReferenceData;

/// <summary>
/// Imports every row of the reference CSVs shipped in data/ (embedded in this assembly; the portal
/// never reads ../shared at run time): the jurisdiction tree, sectors, standards, holidays. Idempotent:
/// missing rows are inserted, changed rows updated, nothing deleted (an admin's edits to holidays stay).
/// </summary>
public static class ReferenceDataImporter
{
    public sealed record JurisdictionRow(string Code, string Name, string Level, string? ParentCode, string? Note);

    public sealed record SectorRow(string Code, string Name, string? ParentCode, string? HighRisk, string? LeadDepartment, string? Note);

    public sealed record StandardRow(string Code, string Title, string? Issuer, string? DocNumber, int? Year, string? Sectors, string? Note);

    public sealed record HolidayRow(DateOnly Date, string Kind, string Name, string? Note);

    public sealed record PhaseRow(string IssuerCode, string Campaign, int No, string Name, string Timing, DateOnly StartsOn, DateOnly EndsOn, string Work, string Source);

    public sealed record DeliverableRow(string IssuerCode, string Campaign, string Name, DateOnly DueOn, string Source);

    public sealed record TaskRow(string IssuerCode, string Campaign, string Phase, DateOnly DueOn, string Level, string Recipients, int No, string Text);

    public static IReadOnlyList<JurisdictionRow> Jurisdictions() => Read("jurisdictions.csv", r => new JurisdictionRow(
        r.GetField("code")!, r.GetField("name")!, r.GetField("level")!, Blank(r.GetField("parent_code")), Blank(r.GetField("note"))));

    public static IReadOnlyList<SectorRow> Sectors() => Read("sectors.csv", r => new SectorRow(
        r.GetField("code")!, r.GetField("name")!, Blank(r.GetField("parent_code")), Blank(r.GetField("high_risk")),
        Blank(r.GetField("lead_department")), Blank(r.GetField("note"))));

    public static IReadOnlyList<StandardRow> Standards() => Read("standards.csv", r => new StandardRow(
        r.GetField("code")!, r.GetField("title")!, Blank(r.GetField("issuer")), Blank(r.GetField("doc_number")),
        int.TryParse(r.GetField("year"), CultureInfo.InvariantCulture, out var y) ? y : null,
        Blank(r.GetField("sectors")), Blank(r.GetField("note"))));

    public static IReadOnlyList<HolidayRow> Holidays() => Read("holidays.csv", r => new HolidayRow(
        DateOnly.ParseExact(r.GetField("date")!, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetField("kind")!,
        r.GetField("name")!, Blank(r.GetField("note"))));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Names = new(() => Jurisdictions().ToDictionary(j => j.Code, j => j.Name));

    /// <summary>The names of the reference jurisdictions by code (an ancestor's name where row security hides its row).</summary>
    public static IReadOnlyDictionary<string, string> JurisdictionNames => Names.Value;

    /// <summary>Each document's phases of the 2023 campaign (data/campaign-phases.csv: 000, 001, 002, 003), word for word.</summary>
    public static IReadOnlyList<PhaseRow> CampaignPhases() => Read("campaign-phases.csv", r => new PhaseRow(
        r.GetField("issuer_code")!, r.GetField("campaign")!, int.Parse(r.GetField("no")!, CultureInfo.InvariantCulture), r.GetField("name")!, r.GetField("timing")!,
        DateOnly.ParseExact(r.GetField("starts_on")!, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(r.GetField("ends_on")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.GetField("work")!, r.GetField("source")!));

    /// <summary>What each document asks its units to send and by when (data/campaign-deliverables.csv: 001, 003).</summary>
    public static IReadOnlyList<DeliverableRow> CampaignDeliverables() => Read("campaign-deliverables.csv", r => new DeliverableRow(
        r.GetField("issuer_code")!, r.GetField("campaign")!, r.GetField("name")!, DateOnly.ParseExact(r.GetField("due_on")!, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetField("source")!));

    /// <summary>红河州's 003 附件3 checklist (data/campaign-tasks.csv), word for word.</summary>
    public static IReadOnlyList<TaskRow> CampaignTasks() => Read("campaign-tasks.csv", r => new TaskRow(
        r.GetField("issuer_code")!, r.GetField("campaign")!, r.GetField("phase")!,
        DateOnly.ParseExact(r.GetField("due_on")!, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetField("level")!, r.GetField("recipients")!,
        int.Parse(r.GetField("no")!, CultureInfo.InvariantCulture), r.GetField("text")!));

    /// <summary>The ltree path of each code, from the root 全国 through its ancestors.</summary>
    public static Dictionary<string, string> Paths(IEnumerable<JurisdictionRow> rows)
    {
        var byCode = rows.ToDictionary(r => r.Code);
        var paths = new Dictionary<string, string> { [Jurisdiction.RootCode] = Jurisdiction.RootCode };
        string PathOf(string code) =>
            paths.TryGetValue(code, out var p)
                ? p
                : paths[code] = DivisionImport.ChildPath(PathOf(byCode[code].ParentCode ?? Jurisdiction.RootCode), Enum.Parse<JurisdictionLevel>(byCode[code].Level, ignoreCase: true), code);
        foreach (var row in byCode.Values)
        {
            PathOf(row.Code);
        }

        return paths;
    }

    public static async Task ImportAsync(AppDbContext db, CancellationToken ct = default)
    {
        await ImportJurisdictionsAsync(db, ct);
        await ImportSectorsAsync(db, ct);
        await ImportStandardsAsync(db, ct);
        await ImportHolidaysAsync(db, ct);
        if (!await db.Campaigns.AnyAsync(c => c.Code == Records.Campaign.Default, ct))
        {
            db.Campaigns.Add(Records.Campaign.Seed2023);
            await db.SaveChangesAsync(ct);
        }

        await ImportTemplatesAsync(db, ct);
        await ImportPhasesAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await ImportMetricCatalogueAsync(db, ct);
    }

    /// <summary>
    /// The database's copy of the metric catalogue (<c>metric_catalogue</c>, read by <c>hp_epoch_rows</c>) follows
    /// <see cref="Dispatch.Metrics.All"/>: every computed metric with its unit, roll-up, section and family.
    /// </summary>
    private static async Task ImportMetricCatalogueAsync(AppDbContext db, CancellationToken ct)
    {
        var computed = Dispatch.Metrics.All.Where(m => m.Family is not null).ToList();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO metric_catalogue (key, unit, roll_up, section, family)
            SELECT * FROM unnest({0}::text[], {1}::text[], {2}::text[], {3}::text[], {4}::text[])
            ON CONFLICT (key) DO UPDATE SET unit = EXCLUDED.unit, roll_up = EXCLUDED.roll_up, section = EXCLUDED.section, family = EXCLUDED.family
                WHERE (metric_catalogue.unit, metric_catalogue.roll_up, metric_catalogue.section, metric_catalogue.family)
                      IS DISTINCT FROM (EXCLUDED.unit, EXCLUDED.roll_up, EXCLUDED.section, EXCLUDED.family);
            DELETE FROM metric_catalogue WHERE key <> ALL ({0}::text[]);
            """,
            [computed.Select(m => m.Key).ToArray(), computed.Select(m => m.Unit).ToArray(), computed.Select(m => m.RollUp.ToString()).ToArray(),
             computed.Select(m => m.Section).ToArray(), computed.Select(m => m.Family!.Value.ToString()).ToArray()],
            ct);
    }

    /// <summary>The documents' phases: inserted when missing, kept as the documents word them (keyed by issuer, campaign and name).</summary>
    private static async Task ImportPhasesAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.CampaignPhases.ToListAsync(ct);
        foreach (var row in CampaignPhases())
        {
            var phase = existing.FirstOrDefault(p => p.IssuerJurisdictionCode == row.IssuerCode && p.CampaignCode == row.Campaign && p.Name == row.Name);
            if (phase is null)
            {
                phase = new Records.CampaignPhase { IssuerJurisdictionCode = row.IssuerCode, CampaignCode = row.Campaign, Name = row.Name };
                db.CampaignPhases.Add(phase);
            }

            (phase.No, phase.Timing, phase.Work, phase.Source, phase.StartsOn, phase.EndsOn) =
                (row.No, row.Timing, row.Work.Length > 0 ? row.Work : null, row.Source, row.StartsOn, row.EndsOn);
        }
    }

    /// <summary>The seeded dispatch templates (word for word from the seeds): inserted when missing, their wording kept current.</summary>
    private static async Task ImportTemplatesAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.DispatchTemplates.ToDictionaryAsync(t => t.Code, ct);
        foreach (var seeded in Dispatch.SeededTemplates.All)
        {
            if (!existing.TryGetValue(seeded.Code, out var template))
            {
                db.DispatchTemplates.Add(seeded);
                continue;
            }

            (template.Name, template.Title, template.UnitCaption, template.Source) = (seeded.Name, seeded.Title, seeded.UnitCaption, seeded.Source);
            (template.Sections, template.FooterLines, template.Notes) = (seeded.Sections, seeded.FooterLines, seeded.Notes);
            (template.Window, template.HolidayShift, template.CutoffDay, template.CampaignCode) = (seeded.Window, seeded.HolidayShift, seeded.CutoffDay, seeded.CampaignCode);
            (template.Layout, template.Cadence) = (seeded.Layout, seeded.Cadence);
            template.IssuedAt = seeded.IssuedAt;
        }
    }

    private static async Task ImportJurisdictionsAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = Jurisdictions();
        var paths = Paths(rows);
        var codes = rows.Select(r => r.Code).Append(Jurisdiction.RootCode).ToList();
        var existing = await db.Jurisdictions.Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, ct);
        if (!existing.ContainsKey(Jurisdiction.RootCode))
        {
            db.Jurisdictions.Add(new Jurisdiction
            {
                Code = Jurisdiction.RootCode,
                Name = "全国",
                Level = JurisdictionLevel.National,
                Path = new LTree(Jurisdiction.RootCode),
            });
            await db.SaveChangesAsync(ct);
        }

        // Parents before children, so the self-referencing key is satisfied row by row.
        foreach (var row in rows.OrderBy(r => paths[r.Code].Length))
        {
            var parent = row.ParentCode ?? Jurisdiction.RootCode;
            if (existing.TryGetValue(row.Code, out var j))
            {
                if (j.DivisionYear is not null)
                {
                    continue; // the NBS list owns this node now (DivisionImport): its name and place follow the list
                }

                j.Name = row.Name;
                j.Level = Jurisdiction.ParseLevel(row.Level);
                j.ParentCode = parent;
                j.Path = new LTree(paths[row.Code]);
                j.Note = row.Note;
            }
            else
            {
                db.Jurisdictions.Add(new Jurisdiction
                {
                    Code = row.Code,
                    Name = row.Name,
                    Level = Jurisdiction.ParseLevel(row.Level),
                    ParentCode = parent,
                    Path = new LTree(paths[row.Code]),
                    Note = row.Note,
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task ImportSectorsAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Sectors.ToDictionaryAsync(s => s.Code, ct);
        foreach (var row in Sectors().OrderBy(r => r.ParentCode is null ? 0 : 1))
        {
            if (!existing.TryGetValue(row.Code, out var s))
            {
                s = new Sector { Code = row.Code, Name = row.Name };
                db.Sectors.Add(s);
            }

            s.Name = row.Name;
            s.ParentCode = row.ParentCode;
            s.HighRisk = row.HighRisk switch
            {
                "yes" => HighRiskFlag.Yes,
                "no" => HighRiskFlag.No,
                "partial" => HighRiskFlag.Partial,
                _ => HighRiskFlag.Unknown,
            };
            s.DefaultLeadDepartment = row.LeadDepartment;
            s.Note = row.Note;
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task ImportStandardsAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Standards.ToDictionaryAsync(s => s.Code, ct);
        foreach (var row in Standards())
        {
            if (!existing.TryGetValue(row.Code, out var s))
            {
                s = new Standard { Code = row.Code, Title = row.Title };
                db.Standards.Add(s);
            }

            s.Title = row.Title;
            s.Issuer = row.Issuer;
            s.DocNumber = row.DocNumber;
            s.Year = row.Year;
            s.SectorCodes = (row.Sectors ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            s.Note = row.Note;
        }
    }

    private static async Task ImportHolidaysAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.CalendarDays.Select(d => d.Date).ToHashSetAsync(ct);
        foreach (var row in Holidays().Where(r => !existing.Contains(r.Date)))
        {
            db.CalendarDays.Add(new CalendarDay
            {
                Date = row.Date,
                Kind = row.Kind == "workday" ? CalendarDayKind.Workday : CalendarDayKind.Holiday,
                Name = row.Name,
                Note = row.Note,
            });
        }
    }

    private static List<T> Read<T>(string file, Func<CsvReader, T> map)
    {
        var assembly = typeof(ReferenceDataImporter).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read())
        {
            rows.Add(map(csv));
        }

        return rows;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
