using CreditFunctions.Domain.Catalogue;

namespace CreditFunctions.Domain.Tests.Catalogue;

/// <summary>art5, last paragraph: what counts as naming a law, a regulation or a Central Committee / State Council document.</summary>
public class LegalBasisCheckTests
{
    [Theory]
    [InlineData("《中华人民共和国社会保险法》第八十八条")]
    [InlineData("《保障农民工工资支付条例》第四十八条")]
    [InlineData("《禁止使用童工规定》（国务院令第364号）第六条")]
    [InlineData("《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》")]
    [InlineData("《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》")]
    [InlineData("国办发〔2020〕42号")]
    [InlineData("中办发〔2016〕64号")]
    [InlineData("Social Insurance Law of the PRC, art 88")]
    [InlineData("Regulations on Guaranteeing Wage Payment to Migrant Workers, art 48")]
    [InlineData("MOHRSS Order No. 45")]
    [InlineData("State Council guidance on joint punishment")]
    public void Art5_names_a_law_a_regulation_or_a_central_document(string basis)
    {
        Assert.True(LegalBasisCheck.NamesLawOrRegulation(basis));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("情节严重")]
    [InlineData("《劳动合同》")]
    [InlineData("《法》")]
    [InlineData("internal memo of the lawyer")]
    [InlineData("art 88")]
    public void Art5_does_not_name_a_law_a_regulation_or_a_central_document(string? basis)
    {
        Assert.False(LegalBasisCheck.NamesLawOrRegulation(basis));
    }
}
