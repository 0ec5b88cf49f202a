package org.feedfold.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Classifies addresses: what is always refused, what only a public deployment refuses. */
class AddressGuardTest {
  /**
   * Each row: address, why it is refused with {@code fetch.allow-private=true} (empty: fetched),
   * why with {@code false} (empty: fetched).
   */
  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/fetch/addresses.csv", numLinesToSkip = 1, nullValues = "")
  void classifiesAddresses(String address, String always, String publicOnly)
      throws UnknownHostException {
    InetAddress a = InetAddress.getByName(address);
    assertEquals(always, AddressGuard.refusal(a, true), "allow-private=true");
    assertEquals(publicOnly, AddressGuard.refusal(a, false), "allow-private=false");
    if (publicOnly == null) {
      assertNull(always);
    }
  }
}
