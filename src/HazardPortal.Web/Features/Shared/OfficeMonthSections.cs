namespace HazardPortal.Web.Features.Shared;

/// <summary>A count in the month page's summary line: red when <paramref name="Urgent"/> and not zero, amber when not zero, green at zero.</summary>
public sealed record MonthTag(string Label, int Count, bool Urgent)
{
    public string Tone => Count == 0 ? "hp-tag-green" : Urgent ? "hp-tag-red" : "hp-tag-amber";
}

/// <summary>
/// A section of the 安委办's month page (issue #6): the counts it adds to the page's summary and the component, owned by
/// the feature that wrote it, that renders its <paramref name="Model"/> (the component's <c>Model</c> parameter).
/// <paramref name="Component"/> is null when the section has nothing to show at this level.
/// </summary>
public sealed record MonthSection(IReadOnlyList<MonthTag> Tags, Type? Component, object? Model);

/// <summary>
/// What a feature adds to the 安委办's month page (the forms owed and awaiting review, the supervised hazards, the tasks and
/// materials behind, the flags). The page composes every registered source in <see cref="Order"/> and knows no
/// feature's folder (issue #15 §10). Each source reads in the office's own scope.
/// </summary>
public interface IOfficeMonthSource
{
    int Order { get; }

    Task<MonthSection> LoadAsync(CancellationToken ct = default);
}
