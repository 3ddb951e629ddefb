namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// A group of an enterprise's to-do list that another feature owns (the 承诺回执书, the head-led inspections and drills
/// of the records): the home page lists its own hazard groups and then every registered source's groups, in
/// <see cref="IEnterpriseToDoSource.Order"/>, without knowing the feature that wrote them (issue #15 §10).
/// </summary>
/// <param name="Due">The item needs doing (shown as due); otherwise it is for information (a receipt already signed).</param>
public sealed record ToDoItem(string Text, string Href, bool Due, string TestId);

public sealed record ToDoGroup(string Title, IReadOnlyList<ToDoItem> Items)
{
    public bool AnyDue => Items.Any(i => i.Due);
}

/// <summary>What a feature adds to the enterprise's to-do list, read in the enterprise's own scope.</summary>
public interface IEnterpriseToDoSource
{
    int Order { get; }

    Task<IReadOnlyList<ToDoGroup>> GroupsAsync(CancellationToken ct = default);
}
