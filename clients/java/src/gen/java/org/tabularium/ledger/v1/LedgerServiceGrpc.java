package org.tabularium.ledger.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The ledger core: submit signed transactions, read the Merkle log, its blocks and checkpoints,
 * and get the proofs that let anyone verify them offline.
 * Every error carries a google.rpc.ErrorInfo (domain "tabularium") whose reason is an
 * UPPER_SNAKE_CASE code that clients can branch on.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class LedgerServiceGrpc {

  private LedgerServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.ledger.v1.LedgerService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.SubmitTransactionRequest,
      org.tabularium.ledger.v1.SubmitTransactionResponse> getSubmitTransactionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitTransaction",
      requestType = org.tabularium.ledger.v1.SubmitTransactionRequest.class,
      responseType = org.tabularium.ledger.v1.SubmitTransactionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.SubmitTransactionRequest,
      org.tabularium.ledger.v1.SubmitTransactionResponse> getSubmitTransactionMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.SubmitTransactionRequest, org.tabularium.ledger.v1.SubmitTransactionResponse> getSubmitTransactionMethod;
    if ((getSubmitTransactionMethod = LedgerServiceGrpc.getSubmitTransactionMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getSubmitTransactionMethod = LedgerServiceGrpc.getSubmitTransactionMethod) == null) {
          LedgerServiceGrpc.getSubmitTransactionMethod = getSubmitTransactionMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.SubmitTransactionRequest, org.tabularium.ledger.v1.SubmitTransactionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitTransaction"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.SubmitTransactionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.SubmitTransactionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("SubmitTransaction"))
              .build();
        }
      }
    }
    return getSubmitTransactionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.SubmitTransactionsRequest,
      org.tabularium.ledger.v1.SubmitTransactionsResponse> getSubmitTransactionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitTransactions",
      requestType = org.tabularium.ledger.v1.SubmitTransactionsRequest.class,
      responseType = org.tabularium.ledger.v1.SubmitTransactionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.SubmitTransactionsRequest,
      org.tabularium.ledger.v1.SubmitTransactionsResponse> getSubmitTransactionsMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.SubmitTransactionsRequest, org.tabularium.ledger.v1.SubmitTransactionsResponse> getSubmitTransactionsMethod;
    if ((getSubmitTransactionsMethod = LedgerServiceGrpc.getSubmitTransactionsMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getSubmitTransactionsMethod = LedgerServiceGrpc.getSubmitTransactionsMethod) == null) {
          LedgerServiceGrpc.getSubmitTransactionsMethod = getSubmitTransactionsMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.SubmitTransactionsRequest, org.tabularium.ledger.v1.SubmitTransactionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitTransactions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.SubmitTransactionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.SubmitTransactionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("SubmitTransactions"))
              .build();
        }
      }
    }
    return getSubmitTransactionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetTransactionRequest,
      org.tabularium.ledger.v1.GetTransactionResponse> getGetTransactionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTransaction",
      requestType = org.tabularium.ledger.v1.GetTransactionRequest.class,
      responseType = org.tabularium.ledger.v1.GetTransactionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetTransactionRequest,
      org.tabularium.ledger.v1.GetTransactionResponse> getGetTransactionMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetTransactionRequest, org.tabularium.ledger.v1.GetTransactionResponse> getGetTransactionMethod;
    if ((getGetTransactionMethod = LedgerServiceGrpc.getGetTransactionMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetTransactionMethod = LedgerServiceGrpc.getGetTransactionMethod) == null) {
          LedgerServiceGrpc.getGetTransactionMethod = getGetTransactionMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetTransactionRequest, org.tabularium.ledger.v1.GetTransactionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTransaction"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetTransactionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetTransactionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetTransaction"))
              .build();
        }
      }
    }
    return getGetTransactionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetReceiptRequest,
      org.tabularium.ledger.v1.GetReceiptResponse> getGetReceiptMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetReceipt",
      requestType = org.tabularium.ledger.v1.GetReceiptRequest.class,
      responseType = org.tabularium.ledger.v1.GetReceiptResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetReceiptRequest,
      org.tabularium.ledger.v1.GetReceiptResponse> getGetReceiptMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetReceiptRequest, org.tabularium.ledger.v1.GetReceiptResponse> getGetReceiptMethod;
    if ((getGetReceiptMethod = LedgerServiceGrpc.getGetReceiptMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetReceiptMethod = LedgerServiceGrpc.getGetReceiptMethod) == null) {
          LedgerServiceGrpc.getGetReceiptMethod = getGetReceiptMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetReceiptRequest, org.tabularium.ledger.v1.GetReceiptResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetReceipt"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetReceiptRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetReceiptResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetReceipt"))
              .build();
        }
      }
    }
    return getGetReceiptMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.ListEntriesRequest,
      org.tabularium.ledger.v1.ListEntriesResponse> getListEntriesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListEntries",
      requestType = org.tabularium.ledger.v1.ListEntriesRequest.class,
      responseType = org.tabularium.ledger.v1.ListEntriesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.ListEntriesRequest,
      org.tabularium.ledger.v1.ListEntriesResponse> getListEntriesMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.ListEntriesRequest, org.tabularium.ledger.v1.ListEntriesResponse> getListEntriesMethod;
    if ((getListEntriesMethod = LedgerServiceGrpc.getListEntriesMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getListEntriesMethod = LedgerServiceGrpc.getListEntriesMethod) == null) {
          LedgerServiceGrpc.getListEntriesMethod = getListEntriesMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.ListEntriesRequest, org.tabularium.ledger.v1.ListEntriesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListEntries"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.ListEntriesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.ListEntriesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("ListEntries"))
              .build();
        }
      }
    }
    return getListEntriesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetBlockRequest,
      org.tabularium.ledger.v1.GetBlockResponse> getGetBlockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetBlock",
      requestType = org.tabularium.ledger.v1.GetBlockRequest.class,
      responseType = org.tabularium.ledger.v1.GetBlockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetBlockRequest,
      org.tabularium.ledger.v1.GetBlockResponse> getGetBlockMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetBlockRequest, org.tabularium.ledger.v1.GetBlockResponse> getGetBlockMethod;
    if ((getGetBlockMethod = LedgerServiceGrpc.getGetBlockMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetBlockMethod = LedgerServiceGrpc.getGetBlockMethod) == null) {
          LedgerServiceGrpc.getGetBlockMethod = getGetBlockMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetBlockRequest, org.tabularium.ledger.v1.GetBlockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetBlock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetBlockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetBlockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetBlock"))
              .build();
        }
      }
    }
    return getGetBlockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.StreamBlocksRequest,
      org.tabularium.ledger.v1.StreamBlocksResponse> getStreamBlocksMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamBlocks",
      requestType = org.tabularium.ledger.v1.StreamBlocksRequest.class,
      responseType = org.tabularium.ledger.v1.StreamBlocksResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.StreamBlocksRequest,
      org.tabularium.ledger.v1.StreamBlocksResponse> getStreamBlocksMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.StreamBlocksRequest, org.tabularium.ledger.v1.StreamBlocksResponse> getStreamBlocksMethod;
    if ((getStreamBlocksMethod = LedgerServiceGrpc.getStreamBlocksMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getStreamBlocksMethod = LedgerServiceGrpc.getStreamBlocksMethod) == null) {
          LedgerServiceGrpc.getStreamBlocksMethod = getStreamBlocksMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.StreamBlocksRequest, org.tabularium.ledger.v1.StreamBlocksResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamBlocks"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.StreamBlocksRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.StreamBlocksResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("StreamBlocks"))
              .build();
        }
      }
    }
    return getStreamBlocksMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetCheckpointRequest,
      org.tabularium.ledger.v1.GetCheckpointResponse> getGetCheckpointMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetCheckpoint",
      requestType = org.tabularium.ledger.v1.GetCheckpointRequest.class,
      responseType = org.tabularium.ledger.v1.GetCheckpointResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetCheckpointRequest,
      org.tabularium.ledger.v1.GetCheckpointResponse> getGetCheckpointMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetCheckpointRequest, org.tabularium.ledger.v1.GetCheckpointResponse> getGetCheckpointMethod;
    if ((getGetCheckpointMethod = LedgerServiceGrpc.getGetCheckpointMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetCheckpointMethod = LedgerServiceGrpc.getGetCheckpointMethod) == null) {
          LedgerServiceGrpc.getGetCheckpointMethod = getGetCheckpointMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetCheckpointRequest, org.tabularium.ledger.v1.GetCheckpointResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetCheckpoint"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetCheckpointRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetCheckpointResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetCheckpoint"))
              .build();
        }
      }
    }
    return getGetCheckpointMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetLogInfoRequest,
      org.tabularium.ledger.v1.GetLogInfoResponse> getGetLogInfoMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetLogInfo",
      requestType = org.tabularium.ledger.v1.GetLogInfoRequest.class,
      responseType = org.tabularium.ledger.v1.GetLogInfoResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetLogInfoRequest,
      org.tabularium.ledger.v1.GetLogInfoResponse> getGetLogInfoMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetLogInfoRequest, org.tabularium.ledger.v1.GetLogInfoResponse> getGetLogInfoMethod;
    if ((getGetLogInfoMethod = LedgerServiceGrpc.getGetLogInfoMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetLogInfoMethod = LedgerServiceGrpc.getGetLogInfoMethod) == null) {
          LedgerServiceGrpc.getGetLogInfoMethod = getGetLogInfoMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetLogInfoRequest, org.tabularium.ledger.v1.GetLogInfoResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetLogInfo"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetLogInfoRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetLogInfoResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetLogInfo"))
              .build();
        }
      }
    }
    return getGetLogInfoMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetConsensusInfoRequest,
      org.tabularium.ledger.v1.GetConsensusInfoResponse> getGetConsensusInfoMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConsensusInfo",
      requestType = org.tabularium.ledger.v1.GetConsensusInfoRequest.class,
      responseType = org.tabularium.ledger.v1.GetConsensusInfoResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetConsensusInfoRequest,
      org.tabularium.ledger.v1.GetConsensusInfoResponse> getGetConsensusInfoMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetConsensusInfoRequest, org.tabularium.ledger.v1.GetConsensusInfoResponse> getGetConsensusInfoMethod;
    if ((getGetConsensusInfoMethod = LedgerServiceGrpc.getGetConsensusInfoMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetConsensusInfoMethod = LedgerServiceGrpc.getGetConsensusInfoMethod) == null) {
          LedgerServiceGrpc.getGetConsensusInfoMethod = getGetConsensusInfoMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetConsensusInfoRequest, org.tabularium.ledger.v1.GetConsensusInfoResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConsensusInfo"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetConsensusInfoRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetConsensusInfoResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetConsensusInfo"))
              .build();
        }
      }
    }
    return getGetConsensusInfoMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetInclusionProofRequest,
      org.tabularium.ledger.v1.GetInclusionProofResponse> getGetInclusionProofMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetInclusionProof",
      requestType = org.tabularium.ledger.v1.GetInclusionProofRequest.class,
      responseType = org.tabularium.ledger.v1.GetInclusionProofResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetInclusionProofRequest,
      org.tabularium.ledger.v1.GetInclusionProofResponse> getGetInclusionProofMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetInclusionProofRequest, org.tabularium.ledger.v1.GetInclusionProofResponse> getGetInclusionProofMethod;
    if ((getGetInclusionProofMethod = LedgerServiceGrpc.getGetInclusionProofMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetInclusionProofMethod = LedgerServiceGrpc.getGetInclusionProofMethod) == null) {
          LedgerServiceGrpc.getGetInclusionProofMethod = getGetInclusionProofMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetInclusionProofRequest, org.tabularium.ledger.v1.GetInclusionProofResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetInclusionProof"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetInclusionProofRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetInclusionProofResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetInclusionProof"))
              .build();
        }
      }
    }
    return getGetInclusionProofMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetConsistencyProofRequest,
      org.tabularium.ledger.v1.GetConsistencyProofResponse> getGetConsistencyProofMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConsistencyProof",
      requestType = org.tabularium.ledger.v1.GetConsistencyProofRequest.class,
      responseType = org.tabularium.ledger.v1.GetConsistencyProofResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetConsistencyProofRequest,
      org.tabularium.ledger.v1.GetConsistencyProofResponse> getGetConsistencyProofMethod() {
    io.grpc.MethodDescriptor<org.tabularium.ledger.v1.GetConsistencyProofRequest, org.tabularium.ledger.v1.GetConsistencyProofResponse> getGetConsistencyProofMethod;
    if ((getGetConsistencyProofMethod = LedgerServiceGrpc.getGetConsistencyProofMethod) == null) {
      synchronized (LedgerServiceGrpc.class) {
        if ((getGetConsistencyProofMethod = LedgerServiceGrpc.getGetConsistencyProofMethod) == null) {
          LedgerServiceGrpc.getGetConsistencyProofMethod = getGetConsistencyProofMethod =
              io.grpc.MethodDescriptor.<org.tabularium.ledger.v1.GetConsistencyProofRequest, org.tabularium.ledger.v1.GetConsistencyProofResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConsistencyProof"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetConsistencyProofRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.ledger.v1.GetConsistencyProofResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LedgerServiceMethodDescriptorSupplier("GetConsistencyProof"))
              .build();
        }
      }
    }
    return getGetConsistencyProofMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static LedgerServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LedgerServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LedgerServiceStub>() {
        @java.lang.Override
        public LedgerServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LedgerServiceStub(channel, callOptions);
        }
      };
    return LedgerServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static LedgerServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LedgerServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LedgerServiceBlockingV2Stub>() {
        @java.lang.Override
        public LedgerServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LedgerServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return LedgerServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static LedgerServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LedgerServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LedgerServiceBlockingStub>() {
        @java.lang.Override
        public LedgerServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LedgerServiceBlockingStub(channel, callOptions);
        }
      };
    return LedgerServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static LedgerServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LedgerServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LedgerServiceFutureStub>() {
        @java.lang.Override
        public LedgerServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LedgerServiceFutureStub(channel, callOptions);
        }
      };
    return LedgerServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The ledger core: submit signed transactions, read the Merkle log, its blocks and checkpoints,
   * and get the proofs that let anyone verify them offline.
   * Every error carries a google.rpc.ErrorInfo (domain "tabularium") whose reason is an
   * UPPER_SNAKE_CASE code that clients can branch on.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Submits one transaction and answers once the block holding it is durably committed.
     * Re-submitting identical bytes returns the original receipt and writes nothing.
     * Errors: INVALID_ARGUMENT (undecodable, wrong chain id, bad window, unknown action type, missing
     * or extra signature; reason names it), UNAUTHENTICATED (BAD_SIGNATURE), PERMISSION_DENIED
     * (UNKNOWN_SIGNER, or NOT_AUTHORIZED with the refusal's entry_index in ErrorInfo metadata),
     * FAILED_PRECONDITION (WINDOW_NOT_OPEN, WINDOW_CLOSED, or a domain rule with its entry_index),
     * ALREADY_EXISTS (NONCE_REUSED, or a domain duplicate with its entry_index),
     * RESOURCE_EXHAUSTED (TX_TOO_LARGE), UNAVAILABLE (SHUTTING_DOWN).
     * On an agency's node of a replicated network the answer waits for the local commit of the
     * block CometBFT decided: DEADLINE_EXCEEDED (COMMIT_TIMEOUT) when none came within the node's
     * wait (resending the same bytes is safe), RESOURCE_EXHAUSTED (MEMPOOL_FULL), UNAVAILABLE
     * (CATCHING_UP, CONSENSUS_UNAVAILABLE). With wait_for_consensus_proof the receipt also carries
     * the network's signature on the block (FAILED_PRECONDITION NOT_REPLICATED on an embedded node).
     * </pre>
     */
    default void submitTransaction(org.tabularium.ledger.v1.SubmitTransactionRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.SubmitTransactionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitTransactionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Submits many transactions in one call. Each gets its own result; one failing item does not
     * fail the others. Errors for the call as a whole: INVALID_ARGUMENT (too many items),
     * RESOURCE_EXHAUSTED (message too large), UNAVAILABLE.
     * </pre>
     */
    default void submitTransactions(org.tabularium.ledger.v1.SubmitTransactionsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.SubmitTransactionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitTransactionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns a logged transaction by its hash. Errors: INVALID_ARGUMENT (hash not 32 bytes),
     * NOT_FOUND (TRANSACTION_NOT_FOUND).
     * </pre>
     */
    default void getTransaction(org.tabularium.ledger.v1.GetTransactionRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetTransactionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetTransactionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns a receipt: the transaction bytes, its entry, and an inclusion proof against a signed
     * checkpoint (the latest, unless tree_size is given). On a replicated node whose consensus
     * proof for the entry's block is stored, tree_size 0 means that block's checkpoint instead, and
     * the receipt carries the proof. Errors: INVALID_ARGUMENT, NOT_FOUND.
     * </pre>
     */
    default void getReceipt(org.tabularium.ledger.v1.GetReceiptRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetReceiptResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetReceiptMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists raw log entries in order from start_index; a start past the end returns no entries.
     * Errors: INVALID_ARGUMENT (page_size out of range).
     * </pre>
     */
    default void listEntries(org.tabularium.ledger.v1.ListEntriesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.ListEntriesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListEntriesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one block by height. Errors: NOT_FOUND (BLOCK_NOT_FOUND).
     * </pre>
     */
    default void getBlock(org.tabularium.ledger.v1.GetBlockRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetBlockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetBlockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Streams blocks from start_height, then follows new blocks as they are committed.
     * </pre>
     */
    default void streamBlocks(org.tabularium.ledger.v1.StreamBlocksRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.StreamBlocksResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStreamBlocksMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns the latest signed checkpoint, or the one for a given tree size.
     * Errors: NOT_FOUND (CHECKPOINT_NOT_FOUND: no block ended at that size).
     * </pre>
     */
    default void getCheckpoint(org.tabularium.ledger.v1.GetCheckpointRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetCheckpointResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetCheckpointMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns what a verifier must pin: origin, key name, checkpoint public key, chain id.
     * </pre>
     */
    default void getLogInfo(org.tabularium.ledger.v1.GetLogInfoRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetLogInfoResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetLogInfoMethod(), responseObserver);
    }

    /**
     * <pre>
     * How this node is replicated: embedded, or the network's validators (one per agency), this
     * node's agency, its height and whether it is catching up.
     * </pre>
     */
    default void getConsensusInfo(org.tabularium.ledger.v1.GetConsensusInfoRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetConsensusInfoResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConsensusInfoMethod(), responseObserver);
    }

    /**
     * <pre>
     * RFC 9162 inclusion proof of entry index in the tree of size tree_size.
     * Errors: INVALID_ARGUMENT (INDEX_OUT_OF_RANGE: index &gt;= tree_size), OUT_OF_RANGE
     * (TREE_SIZE_TOO_LARGE: tree_size beyond the current log size).
     * </pre>
     */
    default void getInclusionProof(org.tabularium.ledger.v1.GetInclusionProofRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetInclusionProofResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetInclusionProofMethod(), responseObserver);
    }

    /**
     * <pre>
     * RFC 9162 consistency proof between two tree sizes.
     * Errors: INVALID_ARGUMENT (first_size &gt; second_size), OUT_OF_RANGE (TREE_SIZE_TOO_LARGE).
     * </pre>
     */
    default void getConsistencyProof(org.tabularium.ledger.v1.GetConsistencyProofRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetConsistencyProofResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConsistencyProofMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service LedgerService.
   * <pre>
   * The ledger core: submit signed transactions, read the Merkle log, its blocks and checkpoints,
   * and get the proofs that let anyone verify them offline.
   * Every error carries a google.rpc.ErrorInfo (domain "tabularium") whose reason is an
   * UPPER_SNAKE_CASE code that clients can branch on.
   * </pre>
   */
  public static abstract class LedgerServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return LedgerServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service LedgerService.
   * <pre>
   * The ledger core: submit signed transactions, read the Merkle log, its blocks and checkpoints,
   * and get the proofs that let anyone verify them offline.
   * Every error carries a google.rpc.ErrorInfo (domain "tabularium") whose reason is an
   * UPPER_SNAKE_CASE code that clients can branch on.
   * </pre>
   */
  public static final class LedgerServiceStub
      extends io.grpc.stub.AbstractAsyncStub<LedgerServiceStub> {
    private LedgerServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LedgerServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LedgerServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits one transaction and answers once the block holding it is durably committed.
     * Re-submitting identical bytes returns the original receipt and writes nothing.
     * Errors: INVALID_ARGUMENT (undecodable, wrong chain id, bad window, unknown action type, missing
     * or extra signature; reason names it), UNAUTHENTICATED (BAD_SIGNATURE), PERMISSION_DENIED
     * (UNKNOWN_SIGNER, or NOT_AUTHORIZED with the refusal's entry_index in ErrorInfo metadata),
     * FAILED_PRECONDITION (WINDOW_NOT_OPEN, WINDOW_CLOSED, or a domain rule with its entry_index),
     * ALREADY_EXISTS (NONCE_REUSED, or a domain duplicate with its entry_index),
     * RESOURCE_EXHAUSTED (TX_TOO_LARGE), UNAVAILABLE (SHUTTING_DOWN).
     * On an agency's node of a replicated network the answer waits for the local commit of the
     * block CometBFT decided: DEADLINE_EXCEEDED (COMMIT_TIMEOUT) when none came within the node's
     * wait (resending the same bytes is safe), RESOURCE_EXHAUSTED (MEMPOOL_FULL), UNAVAILABLE
     * (CATCHING_UP, CONSENSUS_UNAVAILABLE). With wait_for_consensus_proof the receipt also carries
     * the network's signature on the block (FAILED_PRECONDITION NOT_REPLICATED on an embedded node).
     * </pre>
     */
    public void submitTransaction(org.tabularium.ledger.v1.SubmitTransactionRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.SubmitTransactionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitTransactionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Submits many transactions in one call. Each gets its own result; one failing item does not
     * fail the others. Errors for the call as a whole: INVALID_ARGUMENT (too many items),
     * RESOURCE_EXHAUSTED (message too large), UNAVAILABLE.
     * </pre>
     */
    public void submitTransactions(org.tabularium.ledger.v1.SubmitTransactionsRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.SubmitTransactionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitTransactionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns a logged transaction by its hash. Errors: INVALID_ARGUMENT (hash not 32 bytes),
     * NOT_FOUND (TRANSACTION_NOT_FOUND).
     * </pre>
     */
    public void getTransaction(org.tabularium.ledger.v1.GetTransactionRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetTransactionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetTransactionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns a receipt: the transaction bytes, its entry, and an inclusion proof against a signed
     * checkpoint (the latest, unless tree_size is given). On a replicated node whose consensus
     * proof for the entry's block is stored, tree_size 0 means that block's checkpoint instead, and
     * the receipt carries the proof. Errors: INVALID_ARGUMENT, NOT_FOUND.
     * </pre>
     */
    public void getReceipt(org.tabularium.ledger.v1.GetReceiptRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetReceiptResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetReceiptMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists raw log entries in order from start_index; a start past the end returns no entries.
     * Errors: INVALID_ARGUMENT (page_size out of range).
     * </pre>
     */
    public void listEntries(org.tabularium.ledger.v1.ListEntriesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.ListEntriesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListEntriesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one block by height. Errors: NOT_FOUND (BLOCK_NOT_FOUND).
     * </pre>
     */
    public void getBlock(org.tabularium.ledger.v1.GetBlockRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetBlockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetBlockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Streams blocks from start_height, then follows new blocks as they are committed.
     * </pre>
     */
    public void streamBlocks(org.tabularium.ledger.v1.StreamBlocksRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.StreamBlocksResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getStreamBlocksMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns the latest signed checkpoint, or the one for a given tree size.
     * Errors: NOT_FOUND (CHECKPOINT_NOT_FOUND: no block ended at that size).
     * </pre>
     */
    public void getCheckpoint(org.tabularium.ledger.v1.GetCheckpointRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetCheckpointResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetCheckpointMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns what a verifier must pin: origin, key name, checkpoint public key, chain id.
     * </pre>
     */
    public void getLogInfo(org.tabularium.ledger.v1.GetLogInfoRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetLogInfoResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetLogInfoMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * How this node is replicated: embedded, or the network's validators (one per agency), this
     * node's agency, its height and whether it is catching up.
     * </pre>
     */
    public void getConsensusInfo(org.tabularium.ledger.v1.GetConsensusInfoRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetConsensusInfoResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConsensusInfoMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * RFC 9162 inclusion proof of entry index in the tree of size tree_size.
     * Errors: INVALID_ARGUMENT (INDEX_OUT_OF_RANGE: index &gt;= tree_size), OUT_OF_RANGE
     * (TREE_SIZE_TOO_LARGE: tree_size beyond the current log size).
     * </pre>
     */
    public void getInclusionProof(org.tabularium.ledger.v1.GetInclusionProofRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetInclusionProofResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetInclusionProofMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * RFC 9162 consistency proof between two tree sizes.
     * Errors: INVALID_ARGUMENT (first_size &gt; second_size), OUT_OF_RANGE (TREE_SIZE_TOO_LARGE).
     * </pre>
     */
    public void getConsistencyProof(org.tabularium.ledger.v1.GetConsistencyProofRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetConsistencyProofResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConsistencyProofMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service LedgerService.
   * <pre>
   * The ledger core: submit signed transactions, read the Merkle log, its blocks and checkpoints,
   * and get the proofs that let anyone verify them offline.
   * Every error carries a google.rpc.ErrorInfo (domain "tabularium") whose reason is an
   * UPPER_SNAKE_CASE code that clients can branch on.
   * </pre>
   */
  public static final class LedgerServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<LedgerServiceBlockingV2Stub> {
    private LedgerServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LedgerServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LedgerServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits one transaction and answers once the block holding it is durably committed.
     * Re-submitting identical bytes returns the original receipt and writes nothing.
     * Errors: INVALID_ARGUMENT (undecodable, wrong chain id, bad window, unknown action type, missing
     * or extra signature; reason names it), UNAUTHENTICATED (BAD_SIGNATURE), PERMISSION_DENIED
     * (UNKNOWN_SIGNER, or NOT_AUTHORIZED with the refusal's entry_index in ErrorInfo metadata),
     * FAILED_PRECONDITION (WINDOW_NOT_OPEN, WINDOW_CLOSED, or a domain rule with its entry_index),
     * ALREADY_EXISTS (NONCE_REUSED, or a domain duplicate with its entry_index),
     * RESOURCE_EXHAUSTED (TX_TOO_LARGE), UNAVAILABLE (SHUTTING_DOWN).
     * On an agency's node of a replicated network the answer waits for the local commit of the
     * block CometBFT decided: DEADLINE_EXCEEDED (COMMIT_TIMEOUT) when none came within the node's
     * wait (resending the same bytes is safe), RESOURCE_EXHAUSTED (MEMPOOL_FULL), UNAVAILABLE
     * (CATCHING_UP, CONSENSUS_UNAVAILABLE). With wait_for_consensus_proof the receipt also carries
     * the network's signature on the block (FAILED_PRECONDITION NOT_REPLICATED on an embedded node).
     * </pre>
     */
    public org.tabularium.ledger.v1.SubmitTransactionResponse submitTransaction(org.tabularium.ledger.v1.SubmitTransactionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitTransactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Submits many transactions in one call. Each gets its own result; one failing item does not
     * fail the others. Errors for the call as a whole: INVALID_ARGUMENT (too many items),
     * RESOURCE_EXHAUSTED (message too large), UNAVAILABLE.
     * </pre>
     */
    public org.tabularium.ledger.v1.SubmitTransactionsResponse submitTransactions(org.tabularium.ledger.v1.SubmitTransactionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitTransactionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns a logged transaction by its hash. Errors: INVALID_ARGUMENT (hash not 32 bytes),
     * NOT_FOUND (TRANSACTION_NOT_FOUND).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetTransactionResponse getTransaction(org.tabularium.ledger.v1.GetTransactionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetTransactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns a receipt: the transaction bytes, its entry, and an inclusion proof against a signed
     * checkpoint (the latest, unless tree_size is given). On a replicated node whose consensus
     * proof for the entry's block is stored, tree_size 0 means that block's checkpoint instead, and
     * the receipt carries the proof. Errors: INVALID_ARGUMENT, NOT_FOUND.
     * </pre>
     */
    public org.tabularium.ledger.v1.GetReceiptResponse getReceipt(org.tabularium.ledger.v1.GetReceiptRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetReceiptMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists raw log entries in order from start_index; a start past the end returns no entries.
     * Errors: INVALID_ARGUMENT (page_size out of range).
     * </pre>
     */
    public org.tabularium.ledger.v1.ListEntriesResponse listEntries(org.tabularium.ledger.v1.ListEntriesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListEntriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one block by height. Errors: NOT_FOUND (BLOCK_NOT_FOUND).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetBlockResponse getBlock(org.tabularium.ledger.v1.GetBlockRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Streams blocks from start_height, then follows new blocks as they are committed.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, org.tabularium.ledger.v1.StreamBlocksResponse>
        streamBlocks(org.tabularium.ledger.v1.StreamBlocksRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getStreamBlocksMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns the latest signed checkpoint, or the one for a given tree size.
     * Errors: NOT_FOUND (CHECKPOINT_NOT_FOUND: no block ended at that size).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetCheckpointResponse getCheckpoint(org.tabularium.ledger.v1.GetCheckpointRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetCheckpointMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns what a verifier must pin: origin, key name, checkpoint public key, chain id.
     * </pre>
     */
    public org.tabularium.ledger.v1.GetLogInfoResponse getLogInfo(org.tabularium.ledger.v1.GetLogInfoRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetLogInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * How this node is replicated: embedded, or the network's validators (one per agency), this
     * node's agency, its height and whether it is catching up.
     * </pre>
     */
    public org.tabularium.ledger.v1.GetConsensusInfoResponse getConsensusInfo(org.tabularium.ledger.v1.GetConsensusInfoRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConsensusInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RFC 9162 inclusion proof of entry index in the tree of size tree_size.
     * Errors: INVALID_ARGUMENT (INDEX_OUT_OF_RANGE: index &gt;= tree_size), OUT_OF_RANGE
     * (TREE_SIZE_TOO_LARGE: tree_size beyond the current log size).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetInclusionProofResponse getInclusionProof(org.tabularium.ledger.v1.GetInclusionProofRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetInclusionProofMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RFC 9162 consistency proof between two tree sizes.
     * Errors: INVALID_ARGUMENT (first_size &gt; second_size), OUT_OF_RANGE (TREE_SIZE_TOO_LARGE).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetConsistencyProofResponse getConsistencyProof(org.tabularium.ledger.v1.GetConsistencyProofRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConsistencyProofMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service LedgerService.
   * <pre>
   * The ledger core: submit signed transactions, read the Merkle log, its blocks and checkpoints,
   * and get the proofs that let anyone verify them offline.
   * Every error carries a google.rpc.ErrorInfo (domain "tabularium") whose reason is an
   * UPPER_SNAKE_CASE code that clients can branch on.
   * </pre>
   */
  public static final class LedgerServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<LedgerServiceBlockingStub> {
    private LedgerServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LedgerServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LedgerServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits one transaction and answers once the block holding it is durably committed.
     * Re-submitting identical bytes returns the original receipt and writes nothing.
     * Errors: INVALID_ARGUMENT (undecodable, wrong chain id, bad window, unknown action type, missing
     * or extra signature; reason names it), UNAUTHENTICATED (BAD_SIGNATURE), PERMISSION_DENIED
     * (UNKNOWN_SIGNER, or NOT_AUTHORIZED with the refusal's entry_index in ErrorInfo metadata),
     * FAILED_PRECONDITION (WINDOW_NOT_OPEN, WINDOW_CLOSED, or a domain rule with its entry_index),
     * ALREADY_EXISTS (NONCE_REUSED, or a domain duplicate with its entry_index),
     * RESOURCE_EXHAUSTED (TX_TOO_LARGE), UNAVAILABLE (SHUTTING_DOWN).
     * On an agency's node of a replicated network the answer waits for the local commit of the
     * block CometBFT decided: DEADLINE_EXCEEDED (COMMIT_TIMEOUT) when none came within the node's
     * wait (resending the same bytes is safe), RESOURCE_EXHAUSTED (MEMPOOL_FULL), UNAVAILABLE
     * (CATCHING_UP, CONSENSUS_UNAVAILABLE). With wait_for_consensus_proof the receipt also carries
     * the network's signature on the block (FAILED_PRECONDITION NOT_REPLICATED on an embedded node).
     * </pre>
     */
    public org.tabularium.ledger.v1.SubmitTransactionResponse submitTransaction(org.tabularium.ledger.v1.SubmitTransactionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitTransactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Submits many transactions in one call. Each gets its own result; one failing item does not
     * fail the others. Errors for the call as a whole: INVALID_ARGUMENT (too many items),
     * RESOURCE_EXHAUSTED (message too large), UNAVAILABLE.
     * </pre>
     */
    public org.tabularium.ledger.v1.SubmitTransactionsResponse submitTransactions(org.tabularium.ledger.v1.SubmitTransactionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitTransactionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns a logged transaction by its hash. Errors: INVALID_ARGUMENT (hash not 32 bytes),
     * NOT_FOUND (TRANSACTION_NOT_FOUND).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetTransactionResponse getTransaction(org.tabularium.ledger.v1.GetTransactionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetTransactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns a receipt: the transaction bytes, its entry, and an inclusion proof against a signed
     * checkpoint (the latest, unless tree_size is given). On a replicated node whose consensus
     * proof for the entry's block is stored, tree_size 0 means that block's checkpoint instead, and
     * the receipt carries the proof. Errors: INVALID_ARGUMENT, NOT_FOUND.
     * </pre>
     */
    public org.tabularium.ledger.v1.GetReceiptResponse getReceipt(org.tabularium.ledger.v1.GetReceiptRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetReceiptMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists raw log entries in order from start_index; a start past the end returns no entries.
     * Errors: INVALID_ARGUMENT (page_size out of range).
     * </pre>
     */
    public org.tabularium.ledger.v1.ListEntriesResponse listEntries(org.tabularium.ledger.v1.ListEntriesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListEntriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one block by height. Errors: NOT_FOUND (BLOCK_NOT_FOUND).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetBlockResponse getBlock(org.tabularium.ledger.v1.GetBlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Streams blocks from start_height, then follows new blocks as they are committed.
     * </pre>
     */
    public java.util.Iterator<org.tabularium.ledger.v1.StreamBlocksResponse> streamBlocks(
        org.tabularium.ledger.v1.StreamBlocksRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getStreamBlocksMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns the latest signed checkpoint, or the one for a given tree size.
     * Errors: NOT_FOUND (CHECKPOINT_NOT_FOUND: no block ended at that size).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetCheckpointResponse getCheckpoint(org.tabularium.ledger.v1.GetCheckpointRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetCheckpointMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns what a verifier must pin: origin, key name, checkpoint public key, chain id.
     * </pre>
     */
    public org.tabularium.ledger.v1.GetLogInfoResponse getLogInfo(org.tabularium.ledger.v1.GetLogInfoRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetLogInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * How this node is replicated: embedded, or the network's validators (one per agency), this
     * node's agency, its height and whether it is catching up.
     * </pre>
     */
    public org.tabularium.ledger.v1.GetConsensusInfoResponse getConsensusInfo(org.tabularium.ledger.v1.GetConsensusInfoRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConsensusInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RFC 9162 inclusion proof of entry index in the tree of size tree_size.
     * Errors: INVALID_ARGUMENT (INDEX_OUT_OF_RANGE: index &gt;= tree_size), OUT_OF_RANGE
     * (TREE_SIZE_TOO_LARGE: tree_size beyond the current log size).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetInclusionProofResponse getInclusionProof(org.tabularium.ledger.v1.GetInclusionProofRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetInclusionProofMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RFC 9162 consistency proof between two tree sizes.
     * Errors: INVALID_ARGUMENT (first_size &gt; second_size), OUT_OF_RANGE (TREE_SIZE_TOO_LARGE).
     * </pre>
     */
    public org.tabularium.ledger.v1.GetConsistencyProofResponse getConsistencyProof(org.tabularium.ledger.v1.GetConsistencyProofRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConsistencyProofMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service LedgerService.
   * <pre>
   * The ledger core: submit signed transactions, read the Merkle log, its blocks and checkpoints,
   * and get the proofs that let anyone verify them offline.
   * Every error carries a google.rpc.ErrorInfo (domain "tabularium") whose reason is an
   * UPPER_SNAKE_CASE code that clients can branch on.
   * </pre>
   */
  public static final class LedgerServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<LedgerServiceFutureStub> {
    private LedgerServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LedgerServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LedgerServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Submits one transaction and answers once the block holding it is durably committed.
     * Re-submitting identical bytes returns the original receipt and writes nothing.
     * Errors: INVALID_ARGUMENT (undecodable, wrong chain id, bad window, unknown action type, missing
     * or extra signature; reason names it), UNAUTHENTICATED (BAD_SIGNATURE), PERMISSION_DENIED
     * (UNKNOWN_SIGNER, or NOT_AUTHORIZED with the refusal's entry_index in ErrorInfo metadata),
     * FAILED_PRECONDITION (WINDOW_NOT_OPEN, WINDOW_CLOSED, or a domain rule with its entry_index),
     * ALREADY_EXISTS (NONCE_REUSED, or a domain duplicate with its entry_index),
     * RESOURCE_EXHAUSTED (TX_TOO_LARGE), UNAVAILABLE (SHUTTING_DOWN).
     * On an agency's node of a replicated network the answer waits for the local commit of the
     * block CometBFT decided: DEADLINE_EXCEEDED (COMMIT_TIMEOUT) when none came within the node's
     * wait (resending the same bytes is safe), RESOURCE_EXHAUSTED (MEMPOOL_FULL), UNAVAILABLE
     * (CATCHING_UP, CONSENSUS_UNAVAILABLE). With wait_for_consensus_proof the receipt also carries
     * the network's signature on the block (FAILED_PRECONDITION NOT_REPLICATED on an embedded node).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.SubmitTransactionResponse> submitTransaction(
        org.tabularium.ledger.v1.SubmitTransactionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitTransactionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Submits many transactions in one call. Each gets its own result; one failing item does not
     * fail the others. Errors for the call as a whole: INVALID_ARGUMENT (too many items),
     * RESOURCE_EXHAUSTED (message too large), UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.SubmitTransactionsResponse> submitTransactions(
        org.tabularium.ledger.v1.SubmitTransactionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitTransactionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns a logged transaction by its hash. Errors: INVALID_ARGUMENT (hash not 32 bytes),
     * NOT_FOUND (TRANSACTION_NOT_FOUND).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetTransactionResponse> getTransaction(
        org.tabularium.ledger.v1.GetTransactionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetTransactionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns a receipt: the transaction bytes, its entry, and an inclusion proof against a signed
     * checkpoint (the latest, unless tree_size is given). On a replicated node whose consensus
     * proof for the entry's block is stored, tree_size 0 means that block's checkpoint instead, and
     * the receipt carries the proof. Errors: INVALID_ARGUMENT, NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetReceiptResponse> getReceipt(
        org.tabularium.ledger.v1.GetReceiptRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetReceiptMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists raw log entries in order from start_index; a start past the end returns no entries.
     * Errors: INVALID_ARGUMENT (page_size out of range).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.ListEntriesResponse> listEntries(
        org.tabularium.ledger.v1.ListEntriesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListEntriesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one block by height. Errors: NOT_FOUND (BLOCK_NOT_FOUND).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetBlockResponse> getBlock(
        org.tabularium.ledger.v1.GetBlockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetBlockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns the latest signed checkpoint, or the one for a given tree size.
     * Errors: NOT_FOUND (CHECKPOINT_NOT_FOUND: no block ended at that size).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetCheckpointResponse> getCheckpoint(
        org.tabularium.ledger.v1.GetCheckpointRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetCheckpointMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns what a verifier must pin: origin, key name, checkpoint public key, chain id.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetLogInfoResponse> getLogInfo(
        org.tabularium.ledger.v1.GetLogInfoRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetLogInfoMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * How this node is replicated: embedded, or the network's validators (one per agency), this
     * node's agency, its height and whether it is catching up.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetConsensusInfoResponse> getConsensusInfo(
        org.tabularium.ledger.v1.GetConsensusInfoRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConsensusInfoMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * RFC 9162 inclusion proof of entry index in the tree of size tree_size.
     * Errors: INVALID_ARGUMENT (INDEX_OUT_OF_RANGE: index &gt;= tree_size), OUT_OF_RANGE
     * (TREE_SIZE_TOO_LARGE: tree_size beyond the current log size).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetInclusionProofResponse> getInclusionProof(
        org.tabularium.ledger.v1.GetInclusionProofRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetInclusionProofMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * RFC 9162 consistency proof between two tree sizes.
     * Errors: INVALID_ARGUMENT (first_size &gt; second_size), OUT_OF_RANGE (TREE_SIZE_TOO_LARGE).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.ledger.v1.GetConsistencyProofResponse> getConsistencyProof(
        org.tabularium.ledger.v1.GetConsistencyProofRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConsistencyProofMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SUBMIT_TRANSACTION = 0;
  private static final int METHODID_SUBMIT_TRANSACTIONS = 1;
  private static final int METHODID_GET_TRANSACTION = 2;
  private static final int METHODID_GET_RECEIPT = 3;
  private static final int METHODID_LIST_ENTRIES = 4;
  private static final int METHODID_GET_BLOCK = 5;
  private static final int METHODID_STREAM_BLOCKS = 6;
  private static final int METHODID_GET_CHECKPOINT = 7;
  private static final int METHODID_GET_LOG_INFO = 8;
  private static final int METHODID_GET_CONSENSUS_INFO = 9;
  private static final int METHODID_GET_INCLUSION_PROOF = 10;
  private static final int METHODID_GET_CONSISTENCY_PROOF = 11;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_SUBMIT_TRANSACTION:
          serviceImpl.submitTransaction((org.tabularium.ledger.v1.SubmitTransactionRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.SubmitTransactionResponse>) responseObserver);
          break;
        case METHODID_SUBMIT_TRANSACTIONS:
          serviceImpl.submitTransactions((org.tabularium.ledger.v1.SubmitTransactionsRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.SubmitTransactionsResponse>) responseObserver);
          break;
        case METHODID_GET_TRANSACTION:
          serviceImpl.getTransaction((org.tabularium.ledger.v1.GetTransactionRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetTransactionResponse>) responseObserver);
          break;
        case METHODID_GET_RECEIPT:
          serviceImpl.getReceipt((org.tabularium.ledger.v1.GetReceiptRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetReceiptResponse>) responseObserver);
          break;
        case METHODID_LIST_ENTRIES:
          serviceImpl.listEntries((org.tabularium.ledger.v1.ListEntriesRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.ListEntriesResponse>) responseObserver);
          break;
        case METHODID_GET_BLOCK:
          serviceImpl.getBlock((org.tabularium.ledger.v1.GetBlockRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetBlockResponse>) responseObserver);
          break;
        case METHODID_STREAM_BLOCKS:
          serviceImpl.streamBlocks((org.tabularium.ledger.v1.StreamBlocksRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.StreamBlocksResponse>) responseObserver);
          break;
        case METHODID_GET_CHECKPOINT:
          serviceImpl.getCheckpoint((org.tabularium.ledger.v1.GetCheckpointRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetCheckpointResponse>) responseObserver);
          break;
        case METHODID_GET_LOG_INFO:
          serviceImpl.getLogInfo((org.tabularium.ledger.v1.GetLogInfoRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetLogInfoResponse>) responseObserver);
          break;
        case METHODID_GET_CONSENSUS_INFO:
          serviceImpl.getConsensusInfo((org.tabularium.ledger.v1.GetConsensusInfoRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetConsensusInfoResponse>) responseObserver);
          break;
        case METHODID_GET_INCLUSION_PROOF:
          serviceImpl.getInclusionProof((org.tabularium.ledger.v1.GetInclusionProofRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetInclusionProofResponse>) responseObserver);
          break;
        case METHODID_GET_CONSISTENCY_PROOF:
          serviceImpl.getConsistencyProof((org.tabularium.ledger.v1.GetConsistencyProofRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.ledger.v1.GetConsistencyProofResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getSubmitTransactionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.SubmitTransactionRequest,
              org.tabularium.ledger.v1.SubmitTransactionResponse>(
                service, METHODID_SUBMIT_TRANSACTION)))
        .addMethod(
          getSubmitTransactionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.SubmitTransactionsRequest,
              org.tabularium.ledger.v1.SubmitTransactionsResponse>(
                service, METHODID_SUBMIT_TRANSACTIONS)))
        .addMethod(
          getGetTransactionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetTransactionRequest,
              org.tabularium.ledger.v1.GetTransactionResponse>(
                service, METHODID_GET_TRANSACTION)))
        .addMethod(
          getGetReceiptMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetReceiptRequest,
              org.tabularium.ledger.v1.GetReceiptResponse>(
                service, METHODID_GET_RECEIPT)))
        .addMethod(
          getListEntriesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.ListEntriesRequest,
              org.tabularium.ledger.v1.ListEntriesResponse>(
                service, METHODID_LIST_ENTRIES)))
        .addMethod(
          getGetBlockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetBlockRequest,
              org.tabularium.ledger.v1.GetBlockResponse>(
                service, METHODID_GET_BLOCK)))
        .addMethod(
          getStreamBlocksMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.StreamBlocksRequest,
              org.tabularium.ledger.v1.StreamBlocksResponse>(
                service, METHODID_STREAM_BLOCKS)))
        .addMethod(
          getGetCheckpointMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetCheckpointRequest,
              org.tabularium.ledger.v1.GetCheckpointResponse>(
                service, METHODID_GET_CHECKPOINT)))
        .addMethod(
          getGetLogInfoMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetLogInfoRequest,
              org.tabularium.ledger.v1.GetLogInfoResponse>(
                service, METHODID_GET_LOG_INFO)))
        .addMethod(
          getGetConsensusInfoMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetConsensusInfoRequest,
              org.tabularium.ledger.v1.GetConsensusInfoResponse>(
                service, METHODID_GET_CONSENSUS_INFO)))
        .addMethod(
          getGetInclusionProofMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetInclusionProofRequest,
              org.tabularium.ledger.v1.GetInclusionProofResponse>(
                service, METHODID_GET_INCLUSION_PROOF)))
        .addMethod(
          getGetConsistencyProofMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.ledger.v1.GetConsistencyProofRequest,
              org.tabularium.ledger.v1.GetConsistencyProofResponse>(
                service, METHODID_GET_CONSISTENCY_PROOF)))
        .build();
  }

  private static abstract class LedgerServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    LedgerServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.ledger.v1.LedgerProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("LedgerService");
    }
  }

  private static final class LedgerServiceFileDescriptorSupplier
      extends LedgerServiceBaseDescriptorSupplier {
    LedgerServiceFileDescriptorSupplier() {}
  }

  private static final class LedgerServiceMethodDescriptorSupplier
      extends LedgerServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    LedgerServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (LedgerServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new LedgerServiceFileDescriptorSupplier())
              .addMethod(getSubmitTransactionMethod())
              .addMethod(getSubmitTransactionsMethod())
              .addMethod(getGetTransactionMethod())
              .addMethod(getGetReceiptMethod())
              .addMethod(getListEntriesMethod())
              .addMethod(getGetBlockMethod())
              .addMethod(getStreamBlocksMethod())
              .addMethod(getGetCheckpointMethod())
              .addMethod(getGetLogInfoMethod())
              .addMethod(getGetConsensusInfoMethod())
              .addMethod(getGetInclusionProofMethod())
              .addMethod(getGetConsistencyProofMethod())
              .build();
        }
      }
    }
    return result;
  }
}
