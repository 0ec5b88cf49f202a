package org.feedfold.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoilerplateTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Share this:                                         | true",
        "Teilen                                              | true",
        "Lesen Sie auch: Parkhaus wird teurer                | true",
        "Schreibe einen Kommentar                            | true",
        "Laisser un commentaire                              | true",
        "Previous Post                                       | true",
        "© 2024 Example Media                                | true",
        "Tags: politics, budget                              | true",
        "Foto: dpa                                           | true",
        "Anzeige                                             | true",
        "The post Budget day appeared first on Example News. | true",
        "23.10.2018                                          | true",
        "3:59 PM                                             | true",
        "5. Februar 2020                                     | true",
        "Share prices fell by four percent on Monday.        | false",
        "2024                                                | true",
        "12 people died.                                     | false",
        "Die Kommentare der Leser waren überwiegend positiv. | false",
        "Der Stadtrat hat am Dienstag beschlossen.           | false",
        "*Werbung. Dieser Beitrag enthält Werbung für X.     | true",
        "Anzeige, enthält Affiliate Links                    | true",
        "This post may contain affiliate links to shops.     | true",
        "Disclaimer: The views are the author's own.         | true",
        "Dieser Beitrag gibt die Meinung des Autors wieder.  | true",
        "Werbung neuer Mitglieder ist das Ziel des Vereins.  | false",
        "This post office closes on Friday, the town said.   | false",
      })
  void recognisesTemplateLinesInManyLanguages(String text, boolean expected) {
    assertEquals(expected, Boilerplate.isBoilerplate(text));
  }

  @ParameterizedTest
  @CsvSource({
    "Comments, true",
    "12 Kommentare, true",
    "Leave a Reply, true",
    "3 thoughts on “Budget day”, true",
    "Commentaires (4), true",
    "Comment the budget was cut, false",
  })
  void recognisesCommentSectionHeadings(String text, boolean expected) {
    assertEquals(expected, Boilerplate.commentsHeading(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Der Bürgermeister bei der Eröffnung. (Foto: Stadt Musterhausen)|true",
        "Photo: Jane Doe|true",
        "Demonstranten vor dem Rathaus / picture alliance|true",
        "El ministro durante la rueda de prensa. (Foto: Archivo/Diario)|true",
        "(Symbolbild)|true",
        "exit 0[/sourcecode]|false",
        "The council will vote again next week, the mayor said.|false",
        "Die Quelle des Flusses liegt in den Alpen, sagte der Forscher.|false"
      })
  void recognisesCaptionsEndingInAPictureCredit(String text, boolean expected) {
    assertEquals(expected, Boilerplate.isCredit(text));
  }
}
