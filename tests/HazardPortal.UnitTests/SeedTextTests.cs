using HazardPortal.Core.Records;

namespace HazardPortal.UnitTests;

/// <summary>
/// Issue #17 §3: the letter to enterprise heads (000 附件2) and the commitment receipt (000 附件3) word for word,
/// compared with the seed's own text kept as a test resource (Seeds/000-annexes-2-3.txt, copied from the seed).
/// </summary>
public class SeedTextTests
{
    private static readonly string[] Seed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Seeds", "000-annexes-2-3.txt"))
        .Select(l => l.TrimEnd()).ToArray();

    [Fact]
    public void The_letter_is_the_seed_s_letter_line_by_line()
    {
        string[] letter = [CampaignLetter.Title, CampaignLetter.Salutation, .. CampaignLetter.Paragraphs, CampaignLetter.RequirementsHeading, .. CampaignLetter.Requirements];
        var start = Array.IndexOf(Seed, CampaignLetter.Title);
        Assert.True(start >= 0, "the seed's letter title");
        Assert.Equal(letter, Seed.Skip(start).Where(l => l.Length > 0).Take(letter.Length));
        Assert.Equal(5, CampaignLetter.Requirements.Count);
    }

    [Fact]
    public void The_receipt_is_the_seed_s_receipt_with_the_department_and_due_day_in_their_places()
    {
        Assert.Contains(CampaignLetter.ReceiptTitle, Seed);
        Assert.Contains(CommitmentReceipt.Text("明溪县住房和城乡建设局", "全国重大事故隐患专项排查整治2023行动总体方案"), Seed);
        Assert.Contains(CampaignLetter.ReceiptNameLine, Seed);
        Assert.Contains(CampaignLetter.ReceiptHeadLine, Seed);
        Assert.Contains(CampaignLetter.ReceiptNote(new DateOnly(2023, 5, 10)), Seed);
    }
}
