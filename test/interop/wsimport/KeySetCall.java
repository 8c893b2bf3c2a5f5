// Calls KeySet through the JAX-WS client that wsimport generates (package ecgrid) from the WSDL URL
// given as the first argument, and prints the result as one JSON line.
import ecgrid.*;
import java.net.URL;

public class KeySetCall {
  public static void main(String[] args) throws Exception {
    ECGridOSSoap port = new ECGridOS(new URL(args[0])).getECGridOSSoap();
    KeyIDInfo info = port.keySet("wsimport-session", 5001, KeyVisibility.SHARED);
    System.out.println("{\"KeyID\":" + info.getKeyID() + ",\"UserID\":" + info.getUserID() + ",\"Key\":\"" + info.getKey() + "\",\"Visibility\":\"" + info.getVisibility().value() + "\",\"Created\":\"" + info.getCreated().toXMLFormat() + "\"}");
  }
}
