using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Dispatch;

/// <summary>A record behind a computed value; <see cref="Amount"/> carries what a Sum of money or persons adds (万元, 人) or a fact's value.</summary>
public sealed record MetricRecord(string Type, Guid Id, Guid? EnterpriseId, Guid? PlaceId, DateOnly Date, string Title, decimal? Amount = null);

/// <summary>
/// Drill-down (SPEC §6): the exact records a metric counts for a subject and window, with the same
/// definitions as <see cref="MetricComputer"/> (a test proves they agree for every key). For a
/// DistinctEnterprises metric the records are the inspections or measures; the value is the number of
/// distinct enterprises among them.
/// </summary>
public static class MetricRecords
{
    public static async Task<List<MetricRecord>> ListAsync(AppDbContext db, MetricSubject subject, DateOnly s, DateOnly d, string key, CancellationToken ct = default)
    {
        var unit = subject.OwnUnitId;
        if (key.StartsWith("hazards.", StringComparison.Ordinal))
        {
            var hazards = ScopeColumns.Within(db.Hazards.AsNoTracking(), subject.Path)
                .Where(h => h.Grade == HazardGrade.Major && h.Status != HazardStatus.Draft && h.Status != HazardStatus.Voided);
            if (unit is { } u)
            {
                hazards = hazards.Where(h => h.RegisteredByUnitId == u);
            }

            var supervised = key.StartsWith("hazards.supervised", StringComparison.Ordinal);
            hazards = supervised
                ? hazards.Where(h => h.Supervision != null && h.Supervision.TaggedOn >= s && h.Supervision.TaggedOn <= d)
                : hazards.Where(h => h.FoundOn >= s && h.FoundOn <= d);
            if (key.StartsWith("hazards.self", StringComparison.Ordinal))
            {
                hazards = hazards.Where(h => h.Source == HazardSource.SelfInspection);
            }
            else if (key.StartsWith("hazards.dept", StringComparison.Ordinal))
            {
                hazards = hazards.Where(h => h.Source != HazardSource.SelfInspection);
            }

            if (key.EndsWith(".rectified", StringComparison.Ordinal))
            {
                hazards = hazards.Where(h => db.HazardEvents.Any(r => r.HazardId == h.Id && r.Kind == HazardEventKind.Rectified && r.On <= d
                    && !db.HazardEvents.Any(f => f.HazardId == h.Id && f.Kind == HazardEventKind.VerificationFailed && f.On <= d && f.Sequence > r.Sequence)));
            }

            return await hazards.OrderBy(h => h.FoundOn).ThenBy(h => h.Id)
                .Select(h => new MetricRecord("hazard", h.Id, h.EnterpriseId, h.PlaceId, supervised ? h.Supervision!.TaggedOn : h.FoundOn, h.Title, null))
                .ToListAsync(ct);
        }

        if (key.StartsWith("spotcheck.", StringComparison.Ordinal) || key.StartsWith("assist.", StringComparison.Ordinal))
        {
            var inspections = Window(ScopeColumns.Within(db.Inspections.AsNoTracking(), subject.Path), unit, s, d)
                .Where(i => i.FrozenAt != null && i.SupersededById == null);
            inspections = key switch
            {
                "spotcheck.enterprises" => inspections.Where(i => i.Kind == InspectionKind.SpotCheck),
                "assist.key_regions" => inspections.Where(i => i.Kind == InspectionKind.Assistance && i.TargetJurisdictionCode != null),
                "assist.key_enterprises" => inspections.Where(i => i.Kind == InspectionKind.Assistance && (i.EnterpriseId != null || i.PlaceId != null)),
                _ => inspections.Where(i => i.Kind == InspectionKind.SpotCheck && i.Deficiencies.Contains(key.Substring("spotcheck.".Length))),
            };
            return await inspections.OrderBy(i => i.On).ThenBy(i => i.Id)
                .Select(i => new MetricRecord("inspection", i.Id, i.EnterpriseId, i.PlaceId, i.On, i.RecordedByUnitName, null)).ToListAsync(ct);
        }

        if (key.StartsWith("enforcement.", StringComparison.Ordinal))
        {
            var actions = Window(ScopeColumns.Within(db.EnforcementActions.AsNoTracking(), subject.Path), unit, s, d);
            actions = key switch
            {
                "enforcement.penalty.count" or "enforcement.penalty.amount" => actions.Where(a => a.Kind == EnforcementKind.Penalty || a.Kind == EnforcementKind.DualPenalty), // the same actions in 次 and 万元
                "enforcement.dual_penalty" => actions.Where(a => a.Kind == EnforcementKind.DualPenalty),
                "enforcement.judicial_referral.persons" => actions.Where(a => a.Kind == EnforcementKind.JudicialReferral),
                "enforcement.suspension.enterprises" => actions.Where(a => a.Kind == EnforcementKind.Suspension),
                "enforcement.exposure.enterprises" => actions.Where(a => a.Kind == EnforcementKind.Exposure || a.Kind == EnforcementKind.Interview || a.Kind == EnforcementKind.JointPunishment),
                "enforcement.typical_cases" => actions.Where(a => a.Kind == EnforcementKind.TypicalCase),
                "enforcement.typical_cases.dangerous_operation_crime" => actions.Where(a => a.Kind == EnforcementKind.TypicalCase && a.DangerousOperationCrime),
                "enforcement.accountability.persons" => actions.Where(a => a.Kind == EnforcementKind.Accountability),
                "enforcement.interviews" => actions.Where(a => a.Kind == EnforcementKind.RegionInterview),
                _ => actions.Where(a => false),
            };
            var rows = await actions.OrderBy(a => a.On).ThenBy(a => a.Id).ToListAsync(ct);
            return rows.Select(a => new MetricRecord("enforcement", a.Id, a.EnterpriseId, a.PlaceId, a.On,
                $"{EnforcementAction.KindName(a.Kind)} {a.DocumentNumber}".Trim(), a.AmountWan ?? a.Persons)).ToList();
        }

        if (key is "leadership.rewards.amount" or "leadership.rewards.anonymous_amount")
        {
            var rewards = Window(ScopeColumns.Within(db.Rewards.AsNoTracking(), subject.Path), unit, s, d);
            if (key == "leadership.rewards.anonymous_amount")
            {
                rewards = rewards.Where(r => r.Anonymous);
            }

            return await rewards.OrderBy(r => r.On).ThenBy(r => r.Id)
                .Select(r => new MetricRecord("reward", r.Id, null, null, r.On, r.Notes ?? "举报奖励", r.AmountWan)).ToListAsync(ct);
        }

        if (key is "leadership.media_column" or "leadership.technical_inspectors")
        {
            var facts = ScopeColumns.Within(db.JurisdictionFacts.AsNoTracking(), subject.Path).Where(f => f.On <= d);
            if (unit is { } u)
            {
                facts = facts.Where(f => f.RecordedByUnitId == u);
            }

            var all = await facts.ToListAsync(ct);
            return all.GroupBy(f => f.JurisdictionCode).Select(g => g.OrderByDescending(f => f.On).First())
                .Where(f => key == "leadership.technical_inspectors" || f.MediaColumn)
                .OrderBy(f => f.JurisdictionCode)
                .Select(f => new MetricRecord("fact", f.Id, null, null, f.On, f.JurisdictionCode, key == "leadership.technical_inspectors" ? f.TechnicalInspectors : 1))
                .ToList();
        }

        if (key.StartsWith("leadership.", StringComparison.Ordinal))
        {
            LeadershipKind? kind = key switch
            {
                "leadership.study_sessions" => LeadershipKind.StudySession,
                "leadership.special_research" => LeadershipKind.SpecialResearch,
                "leadership.onsite_supervision" => LeadershipKind.OnsiteSupervision,
                "leadership.member_briefings" => LeadershipKind.MemberBriefing,
                "leadership.assessment_inspections" => LeadershipKind.AssessmentInspection,
                _ => null,
            };
            var activities = Window(ScopeColumns.Within(db.LeadershipActivities.AsNoTracking(), subject.Path), unit, s, d).Where(a => a.Kind == kind);
            return await activities.OrderBy(a => a.On).ThenBy(a => a.Id)
                .Select(a => new MetricRecord("activity", a.Id, null, null, a.On, a.Description, null)).ToListAsync(ct);
        }

        return [];
    }

    /// <summary>The value a list of records gives under the metric's rule (what the computation returns).</summary>
    public static decimal ValueOf(string key, IReadOnlyCollection<MetricRecord> records)
    {
        var metric = Metrics.Find(key)!;
        return metric.RollUp switch
        {
            RollUp.DistinctEnterprises => records.Where(r => r.EnterpriseId is not null).Select(r => r.EnterpriseId).Distinct().Count(),
            RollUp.Any => records.Count > 0 ? 1 : 0,
            RollUp.Latest => records.Sum(r => r.Amount ?? 0),
            _ when key is "enforcement.penalty.amount" or "enforcement.judicial_referral.persons" or "enforcement.accountability.persons"
                or "leadership.rewards.amount" or "leadership.rewards.anonymous_amount" => records.Sum(r => r.Amount ?? 0),
            _ => records.Count,
        };
    }

    private static IQueryable<T> Window<T>(IQueryable<T> query, Guid? unit, DateOnly s, DateOnly d)
        where T : FieldRecord
    {
        query = query.Where(x => x.On >= s && x.On <= d);
        return unit is { } u ? query.Where(x => x.RecordedByUnitId == u) : query;
    }
}
