package org.tabularium.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;

/**
 * A call the node refused or could not serve, with the gRPC status code and the reason and
 * metadata of the google.rpc.ErrorInfo the node sends with every error.
 */
public final class TabulariumException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Status.Code code;
  private final String reason;
  private final String description;
  private final Map<String, String> metadata;

  public TabulariumException(
      Status.Code code,
      String reason,
      String message,
      Map<String, String> metadata,
      Throwable cause) {
    super(reason.isEmpty() ? code + ": " + message : code + " " + reason + ": " + message, cause);
    this.code = code;
    this.reason = reason;
    this.description = message;
    this.metadata = Map.copyOf(metadata);
  }

  /** Converts a failed call, decoding its ErrorInfo if there is one. */
  public static TabulariumException from(StatusRuntimeException e) {
    return from(e, e.getStatus());
  }

  /** Converts a failed call (checked form, from the blocking streaming stubs). */
  public static TabulariumException from(StatusException e) {
    return from(e, e.getStatus());
  }

  private static TabulariumException from(Throwable e, Status status) {
    String message = status.getDescription() == null ? "" : status.getDescription();
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      for (Any any : details.getDetailsList()) {
        if (any.is(ErrorInfo.class)) {
          try {
            ErrorInfo info = any.unpack(ErrorInfo.class);
            return new TabulariumException(
                status.getCode(), info.getReason(), message, info.getMetadataMap(), e);
          } catch (InvalidProtocolBufferException ignored) {
            // fall through: report the status without details
          }
        }
      }
    }
    return new TabulariumException(status.getCode(), "", message, Map.of(), e);
  }

  /** The gRPC status code, e.g. ALREADY_EXISTS. */
  public Status.Code code() {
    return code;
  }

  /** The ErrorInfo reason, e.g. "NONCE_REUSED"; empty if the node sent none. */
  public String reason() {
    return reason;
  }

  /** The status details text the node sent (without code and reason). */
  public String description() {
    return description;
  }

  /** The ErrorInfo metadata, e.g. entry_index of a logged refusal. */
  public Map<String, String> metadata() {
    return metadata;
  }
}
