using HazardPortal.Core.Dispatch;
using HazardPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace HazardPortal.Web.Features.Dashboards;

/// <summary>
/// The dashboard's read-only sections as one markup string: cards, the campaign's phase and what is due,
/// found/rectified by month, the children, open hazards by sector and reporting timeliness — each chart beside
/// its table, every figure a link to its records (the forms' drill-down or the ledger, filtered).
/// </summary>
public static class DashboardMarkup
{
    public static MarkupString Render(Dashboards.DashboardDto d, DateOnly today)
    {
        var h = new StaticHtml();
        string Drill(string unit, string figure, DateOnly? from = null, DateOnly? to = null) =>
            $"/dashboard/records?unit={unit}&figure={figure}&from={from ?? d.WindowStart:yyyy-MM-dd}&to={to ?? d.AsOf:yyyy-MM-dd}";
        string Ledger(string filter, string? unit = null) => $"/hazards?{filter}&jurisdiction={unit ?? d.Unit}";
        string N(decimal v) => StaticHtml.Number(v);
        decimal V(string key) => d.Metrics.GetValueOrDefault(key);

        h.Raw("<p class=\"hp-muted\">").Text($"自 {d.WindowStart:yyyy年M月d日} 起累计，与调度表同一口径（重大事故隐患）。点击数字可查看对应记录。").Raw("</p>");

        // Cards.
        h.Raw("<div class=\"hp-cards mb-3\">");
        Card(h, "发现重大事故隐患", () => h.Element("a", N(Dashboards.Found(d.Metrics)), ("href", Drill(d.Unit, "found")), ("data-testid", "dash-found")),
            $"企业自查 {N(V("hazards.self.found"))} · 部门检查 {N(V("hazards.dept.found"))}");
        Card(h, "已完成整改", () => h.Element("a", N(Dashboards.Rectified(d.Metrics)), ("href", Drill(d.Unit, "rectified")), ("data-testid", "dash-rectified")),
            $"整改率 {Rate(d.Metrics)}");
        Card(h, "当前未整改 / 逾期 / 临期", () =>
        {
            h.Element("a", d.Open.ToString(), ("href", Ledger("grade=Major&open=true")), ("data-testid", "dash-open")).Raw(" / ");
            h.Element("a", d.Overdue.ToString(), ("href", Ledger("grade=Major&overdue=true")), ("data-testid", "dash-overdue")).Raw(" / ");
            h.Element("a", d.DueSoon.ToString(), ("href", Ledger("grade=Major&dueSoon=true")));
        }, null);
        Card(h, "当前挂牌督办（在办）", () => h.Element("a", d.SupervisedOpen.ToString(), ("href", Ledger("grade=Major&supervised=true")), ("data-testid", "dash-supervised")),
            null, () => h.Raw("行动以来挂牌 ").Element("a", N(V("hazards.supervised")), ("href", Drill(d.Unit, "supervised"))));
        h.Raw("</div>");

        // Phase and what is due next.
        h.Raw("<div class=\"mud-paper mud-elevation-1 pa-4 mb-3\" data-testid=\"dash-phase\"><h6 class=\"mud-typography mud-typography-subtitle1 mb-2\">").Text($"{d.CampaignName} · 阶段与下一步").Raw("</h6><p>");
        if (d.Phase is { } phase)
        {
            h.Text("当前阶段：").Element("strong", phase.Name)
                .Text($"（{phase.StartsOn:M月d日}～{phase.EndsOn:M月d日}{(phase.Issuer.Length > 0 ? "，" + phase.Issuer + "部署" : string.Empty)}）");
        }
        else
        {
            h.Element("span", $"{d.AsOf:yyyy-MM-dd} 不在已部署的阶段内。", ("class", "hp-muted"));
        }

        if (d.NextPhase is { } next)
        {
            h.Text($" 下一阶段：{next.Name}（{next.StartsOn:M月d日}起）");
        }

        h.Raw("</p>");
        if (d.DueNext.Count == 0)
        {
            h.Element("p", "本单位暂无待报送事项。", ("class", "hp-muted"));
        }
        else
        {
            h.Raw("<div class=\"hp-table-wrap\"><table class=\"hp-table\" data-testid=\"dash-due\"><thead><tr><th>事项</th><th>内容</th><th>截止日</th><th>情况</th></tr></thead><tbody>");
            foreach (var due in d.DueNext)
            {
                var (tag, text) = due.Done ? ("hp-tag-green", "已报") : due.DueOn < today ? ("hp-tag-red", "逾期未报") : ("hp-tag-amber", "待报");
                h.Raw("<tr>").Element("td", due.Kind).LinkCell(due.Name, due.Link).Element("td", due.DueOn.ToString("yyyy-MM-dd"))
                    .Raw($"<td><span class=\"hp-tag {tag}\" style=\"margin-left:0\">").Text(text).Raw("</span></td></tr>");
            }

            h.Raw("</tbody></table></div>");
        }

        h.Raw("</div>");

        // Found and rectified by month.
        h.Raw("<div class=\"mud-paper mud-elevation-1 pa-4 mb-3\" data-testid=\"dash-months\"><h6 class=\"mud-typography mud-typography-subtitle1 mb-2\">逐月发现与整改</h6><div class=\"hp-chart-table\">");
        h.Raw(SvgBars.Render(d.Months.Select(m => m.Period).ToList(),
            [new("发现", SvgBars.Primary, d.Months.Select(m => m.Found).ToList()), new("当月完成整改", SvgBars.Secondary, d.Months.Select(m => m.Rectified).ToList())], "dash-months-chart"));
        h.Raw("<div class=\"hp-table-wrap\"><table class=\"hp-table\"><thead><tr><th>月份</th><th>当月发现</th><th>当月完成整改</th></tr></thead><tbody>");
        foreach (var m in d.Months)
        {
            h.Raw("<tr>").Element("td", m.Period).LinkCell(N(m.Found), Drill(d.Unit, "found", m.From, m.To), testId: "dash-month-found")
                .LinkCell(N(m.Rectified), Drill(d.Unit, "rectified", m.From, m.To)).Raw("</tr>");
        }

        h.Raw("</tbody></table></div></div></div>");

        // Children.
        if (d.Children.Count > 0)
        {
            h.Raw("<div class=\"mud-paper mud-elevation-1 pa-4 mb-3\"><h6 class=\"mud-typography mud-typography-subtitle1 mb-2\">下级发现与整改</h6>");
            h.Raw(SvgBars.Render(d.Children.Select(c => c.Name).ToList(),
                [new("发现", SvgBars.Primary, d.Children.Select(c => Dashboards.Found(c.Metrics)).ToList()), new("已整改", SvgBars.Secondary, d.Children.Select(c => Dashboards.Rectified(c.Metrics)).ToList())],
                "dash-chart", height: 300));
            h.Raw("<div class=\"hp-table-wrap\"><table class=\"hp-table\" data-testid=\"dash-children\"><thead><tr><th>单位</th><th>发现</th><th>已整改</th><th>整改率</th><th>逾期未整改</th><th>挂牌督办（在办）</th></tr></thead><tbody>");
            foreach (var c in d.Children)
            {
                h.Raw("<tr data-testid=\"dash-child\" data-code=\"").Text(c.Code).Raw("\">")
                    .LinkCell(c.Name, $"/dashboard?unit={c.Code}&asOf={d.AsOf:yyyy-MM-dd}")
                    .LinkCell(N(Dashboards.Found(c.Metrics)), Drill(c.Code, "found")).LinkCell(N(Dashboards.Rectified(c.Metrics)), Drill(c.Code, "rectified"))
                    .Element("td", Rate(c.Metrics))
                    .LinkCell(c.Overdue.ToString(), Ledger("grade=Major&overdue=true", c.Code), c.Overdue > 0 ? "hp-overdue" : null)
                    .LinkCell(c.SupervisedOpen.ToString(), Ledger("grade=Major&supervised=true", c.Code)).Raw("</tr>");
            }

            h.Raw("</tbody></table></div></div>");
        }

        // Open hazards by sector.
        h.Raw("<div class=\"mud-paper mud-elevation-1 pa-4 mb-3\" data-testid=\"dash-sectors\"><h6 class=\"mud-typography mud-typography-subtitle1 mb-2\">当前未整改重大事故隐患（按行业领域）</h6>");
        if (d.Sectors.Count == 0)
        {
            h.Element("p", "没有未整改的重大事故隐患。", ("class", "hp-muted"));
        }
        else
        {
            h.Raw("<div class=\"hp-chart-table\">").Raw(SvgBars.Render(d.Sectors.Select(s => s.Name).ToList(),
                [new("未整改", SvgBars.Primary, d.Sectors.Select(s => (decimal)s.Open).ToList()), new("逾期", SvgBars.Alert, d.Sectors.Select(s => (decimal)s.Overdue).ToList())], "dash-sectors-chart"));
            h.Raw("<div class=\"hp-table-wrap\"><table class=\"hp-table\"><thead><tr><th>行业领域</th><th>未整改</th><th>逾期</th><th>挂牌督办（在办）</th></tr></thead><tbody>");
            foreach (var s in d.Sectors)
            {
                h.Raw("<tr data-testid=\"dash-sector\">").Element("td", s.Name)
                    .LinkCell(s.Open.ToString(), Ledger($"grade=Major&open=true&sector={s.Code}"))
                    .LinkCell(s.Overdue.ToString(), Ledger($"grade=Major&overdue=true&sector={s.Code}"), s.Overdue > 0 ? "hp-overdue" : null)
                    .LinkCell(s.Supervised.ToString(), Ledger($"grade=Major&supervised=true&sector={s.Code}")).Raw("</tr>");
            }

            h.Raw("</tbody></table></div></div>");
        }

        h.Raw("</div>");

        // Reporting timeliness of the units below.
        if (d.Timeliness.Count > 0)
        {
            h.Raw("<div class=\"mud-paper mud-elevation-1 pa-4 mb-3\" data-testid=\"dash-timeliness\"><h6 class=\"mud-typography mud-typography-subtitle1 mb-2\">下级报送及时性（最近三期）</h6>");
            h.Raw("<div class=\"hp-table-wrap\"><table class=\"hp-table\"><thead><tr><th>调度表</th><th>期间</th><th>截止日</th><th>应报</th><th>按时</th><th>迟报</th><th>未报</th></tr></thead><tbody>");
            foreach (var t in d.Timeliness)
            {
                // The board of that cutoff lists the units behind each count.
                var board = $"/dispatch/board?parent={d.Unit}&template={t.Template}&period={t.Period}&cutoff={t.Cutoff}";
                h.Raw("<tr data-testid=\"dash-timely\">").LinkCell(t.TemplateName, board)
                    .Element("td", $"{t.Period}（{t.Cutoff}日）").Element("td", t.DueOn.ToString("yyyy-MM-dd")).Element("td", t.Owing.ToString()).LinkCell(t.OnTime.ToString(), board)
                    .LinkCell(t.Late.ToString(), board, t.Late > 0 ? "hp-overdue" : null)
                    .LinkCell(t.Due ? t.NotIn.ToString() : $"{t.NotIn}（未到截止日）", board, t.Due && t.NotIn > 0 ? "hp-overdue" : null).Raw("</tr>");
            }

            h.Raw("</tbody></table></div></div>");
        }

        return h.ToMarkup();
    }

    private static void Card(StaticHtml h, string title, Action big, string? muted, Action? mutedContent = null)
    {
        h.Raw("<div class=\"mud-paper mud-elevation-1 pa-4\"><h6 class=\"mud-typography mud-typography-subtitle2\">").Text(title).Raw("</h6><div class=\"hp-big\">");
        big();
        h.Raw("</div>");
        if (muted is not null || mutedContent is not null)
        {
            h.Raw("<div class=\"hp-muted\">").Text(muted);
            mutedContent?.Invoke();
            h.Raw("</div>");
        }

        h.Raw("</div>");
    }

    private static string Rate(IReadOnlyDictionary<string, decimal> m) => SectorMatrix.FormatRate(SectorMatrix.Rate(Dashboards.Rectified(m), Dashboards.Found(m)));
}
