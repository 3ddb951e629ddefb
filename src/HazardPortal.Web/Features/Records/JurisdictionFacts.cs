using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases: a jurisdiction's facts (地区情况) that the forms count.</summary>
public sealed partial class Leadership
{
    public sealed record FactsCommand(DateOnly AsOf, bool MediaColumn, int TechnicalInspectors);

    public sealed record FactDto(Guid Id, string JurisdictionCode, string JurisdictionName, DateOnly AsOf, bool MediaColumn, int TechnicalInspectors, string RecordedBy);

    /// <summary>Records the facts of a jurisdiction as of a day (one row per day; the same day again replaces it).</summary>
    public async Task<Result<FactDto>> SetFactsAsync(string code, FactsCommand command, CancellationToken ct = default)
    {
        if (RecordRules.MayKeepLeadership(portalDb.Scope, "地区情况") is { } refused)
        {
            return refused;
        }

        if (command.AsOf == default)
        {
            return Error.Invalid("asOf", "请填写日期");
        }

        if (JurisdictionFact.Check(command.AsOf, command.TechnicalInspectors, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        await using var db = portalDb.Open();
        var node = await RecordSupport.JurisdictionAsync(db, code, ct);
        if (!node.Succeeded)
        {
            return node.Error!;
        }

        var fact = await db.JurisdictionFacts.SingleOrDefaultAsync(f => f.JurisdictionCode == code && f.On == command.AsOf, ct);
        if (fact is null)
        {
            fact = new JurisdictionFact { On = command.AsOf };
            fact.PlaceAt(node.Value!.Code, node.Value.Path);
            db.JurisdictionFacts.Add(fact);
        }

        fact.MediaColumn = command.MediaColumn;
        fact.TechnicalInspectors = command.TechnicalInspectors;
        RecordSupport.Stamp(fact, portalDb.Scope);
        await db.SaveChangesAsync(ct);
        var names = await RecordSupport.JurisdictionNamesAsync(db, [code], ct);
        return Map(fact, names);
    }

    /// <summary>The facts of a jurisdiction, newest first (a form takes the latest on or before its as-of day).</summary>
    public async Task<Result<List<FactDto>>> FactsAsync(string code, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var node = await RecordSupport.JurisdictionAsync(db, code, ct);
        if (!node.Succeeded)
        {
            return node.Error!;
        }

        var facts = await db.JurisdictionFacts.Where(f => f.JurisdictionCode == code).OrderByDescending(f => f.On).AsNoTracking().ToListAsync(ct);
        var names = await RecordSupport.JurisdictionNamesAsync(db, [code], ct);
        return facts.Select(f => Map(f, names)).ToList();
    }
}
