using Dashboard.Domain.Common;

namespace Dashboard.Tests.Domain;

/// <summary>Messages name fields as the forms do (a newcomer read "customerId is required." and "pricePerLiter …").</summary>
public sealed class FieldLabelTests
{
    [Theory]
    [InlineData("customerId", "Customer")]
    [InlineData("pricePerLiter", "Price per liter")]
    [InlineData("paymentDate", "Payment date")]
    [InlineData("defaultQuantity", "Liters a day")]
    [InlineData("items[0].quantity", "Item 1 quantity")]
    [InlineData("items[2].productId", "Item 3 product")]
    [InlineData("name", "Name")]
    public void A_field_is_named_in_words(string field, string label) => Assert.Equal(label, Validation.Label(field));

    [Fact]
    public void The_messages_use_the_words_and_keep_the_field_as_the_key()
    {
        var v = new Validation();
        v.Required<Guid>("customerId", null);
        v.Range("pricePerLiter", 0m, 0m, 100m, minExclusive: true);
        var error = Assert.Throws<DomainException>(v.ThrowIfInvalid);
        Assert.Equal(["Customer is required."], error.Errors["customerId"]);
        Assert.Equal(["Price per liter must be greater than 0."], error.Errors["pricePerLiter"]);
    }
}
