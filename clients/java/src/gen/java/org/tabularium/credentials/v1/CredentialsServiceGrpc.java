package org.tabularium.credentials.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Verification of credentials, presentations, status lists, and the issuer registry.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class CredentialsServiceGrpc {

  private CredentialsServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tabularium.credentials.v1.CredentialsService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<org.tabularium.credentials.v1.VerifyCredentialRequest,
      org.tabularium.credentials.v1.VerifyCredentialResponse> getVerifyCredentialMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "VerifyCredential",
      requestType = org.tabularium.credentials.v1.VerifyCredentialRequest.class,
      responseType = org.tabularium.credentials.v1.VerifyCredentialResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.credentials.v1.VerifyCredentialRequest,
      org.tabularium.credentials.v1.VerifyCredentialResponse> getVerifyCredentialMethod() {
    io.grpc.MethodDescriptor<org.tabularium.credentials.v1.VerifyCredentialRequest, org.tabularium.credentials.v1.VerifyCredentialResponse> getVerifyCredentialMethod;
    if ((getVerifyCredentialMethod = CredentialsServiceGrpc.getVerifyCredentialMethod) == null) {
      synchronized (CredentialsServiceGrpc.class) {
        if ((getVerifyCredentialMethod = CredentialsServiceGrpc.getVerifyCredentialMethod) == null) {
          CredentialsServiceGrpc.getVerifyCredentialMethod = getVerifyCredentialMethod =
              io.grpc.MethodDescriptor.<org.tabularium.credentials.v1.VerifyCredentialRequest, org.tabularium.credentials.v1.VerifyCredentialResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "VerifyCredential"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.VerifyCredentialRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.VerifyCredentialResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CredentialsServiceMethodDescriptorSupplier("VerifyCredential"))
              .build();
        }
      }
    }
    return getVerifyCredentialMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.credentials.v1.VerifyPresentationRequest,
      org.tabularium.credentials.v1.VerifyPresentationResponse> getVerifyPresentationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "VerifyPresentation",
      requestType = org.tabularium.credentials.v1.VerifyPresentationRequest.class,
      responseType = org.tabularium.credentials.v1.VerifyPresentationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.credentials.v1.VerifyPresentationRequest,
      org.tabularium.credentials.v1.VerifyPresentationResponse> getVerifyPresentationMethod() {
    io.grpc.MethodDescriptor<org.tabularium.credentials.v1.VerifyPresentationRequest, org.tabularium.credentials.v1.VerifyPresentationResponse> getVerifyPresentationMethod;
    if ((getVerifyPresentationMethod = CredentialsServiceGrpc.getVerifyPresentationMethod) == null) {
      synchronized (CredentialsServiceGrpc.class) {
        if ((getVerifyPresentationMethod = CredentialsServiceGrpc.getVerifyPresentationMethod) == null) {
          CredentialsServiceGrpc.getVerifyPresentationMethod = getVerifyPresentationMethod =
              io.grpc.MethodDescriptor.<org.tabularium.credentials.v1.VerifyPresentationRequest, org.tabularium.credentials.v1.VerifyPresentationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "VerifyPresentation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.VerifyPresentationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.VerifyPresentationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CredentialsServiceMethodDescriptorSupplier("VerifyPresentation"))
              .build();
        }
      }
    }
    return getVerifyPresentationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetDidDocumentRequest,
      org.tabularium.credentials.v1.GetDidDocumentResponse> getGetDidDocumentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetDidDocument",
      requestType = org.tabularium.credentials.v1.GetDidDocumentRequest.class,
      responseType = org.tabularium.credentials.v1.GetDidDocumentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetDidDocumentRequest,
      org.tabularium.credentials.v1.GetDidDocumentResponse> getGetDidDocumentMethod() {
    io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetDidDocumentRequest, org.tabularium.credentials.v1.GetDidDocumentResponse> getGetDidDocumentMethod;
    if ((getGetDidDocumentMethod = CredentialsServiceGrpc.getGetDidDocumentMethod) == null) {
      synchronized (CredentialsServiceGrpc.class) {
        if ((getGetDidDocumentMethod = CredentialsServiceGrpc.getGetDidDocumentMethod) == null) {
          CredentialsServiceGrpc.getGetDidDocumentMethod = getGetDidDocumentMethod =
              io.grpc.MethodDescriptor.<org.tabularium.credentials.v1.GetDidDocumentRequest, org.tabularium.credentials.v1.GetDidDocumentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetDidDocument"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.GetDidDocumentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.GetDidDocumentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CredentialsServiceMethodDescriptorSupplier("GetDidDocument"))
              .build();
        }
      }
    }
    return getGetDidDocumentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetStatusListRequest,
      org.tabularium.credentials.v1.GetStatusListResponse> getGetStatusListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetStatusList",
      requestType = org.tabularium.credentials.v1.GetStatusListRequest.class,
      responseType = org.tabularium.credentials.v1.GetStatusListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetStatusListRequest,
      org.tabularium.credentials.v1.GetStatusListResponse> getGetStatusListMethod() {
    io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetStatusListRequest, org.tabularium.credentials.v1.GetStatusListResponse> getGetStatusListMethod;
    if ((getGetStatusListMethod = CredentialsServiceGrpc.getGetStatusListMethod) == null) {
      synchronized (CredentialsServiceGrpc.class) {
        if ((getGetStatusListMethod = CredentialsServiceGrpc.getGetStatusListMethod) == null) {
          CredentialsServiceGrpc.getGetStatusListMethod = getGetStatusListMethod =
              io.grpc.MethodDescriptor.<org.tabularium.credentials.v1.GetStatusListRequest, org.tabularium.credentials.v1.GetStatusListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetStatusList"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.GetStatusListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.GetStatusListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CredentialsServiceMethodDescriptorSupplier("GetStatusList"))
              .build();
        }
      }
    }
    return getGetStatusListMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetIssuerRequest,
      org.tabularium.credentials.v1.GetIssuerResponse> getGetIssuerMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetIssuer",
      requestType = org.tabularium.credentials.v1.GetIssuerRequest.class,
      responseType = org.tabularium.credentials.v1.GetIssuerResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetIssuerRequest,
      org.tabularium.credentials.v1.GetIssuerResponse> getGetIssuerMethod() {
    io.grpc.MethodDescriptor<org.tabularium.credentials.v1.GetIssuerRequest, org.tabularium.credentials.v1.GetIssuerResponse> getGetIssuerMethod;
    if ((getGetIssuerMethod = CredentialsServiceGrpc.getGetIssuerMethod) == null) {
      synchronized (CredentialsServiceGrpc.class) {
        if ((getGetIssuerMethod = CredentialsServiceGrpc.getGetIssuerMethod) == null) {
          CredentialsServiceGrpc.getGetIssuerMethod = getGetIssuerMethod =
              io.grpc.MethodDescriptor.<org.tabularium.credentials.v1.GetIssuerRequest, org.tabularium.credentials.v1.GetIssuerResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetIssuer"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.GetIssuerRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.GetIssuerResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CredentialsServiceMethodDescriptorSupplier("GetIssuer"))
              .build();
        }
      }
    }
    return getGetIssuerMethod;
  }

  private static volatile io.grpc.MethodDescriptor<org.tabularium.credentials.v1.ListStatusQueriesRequest,
      org.tabularium.credentials.v1.ListStatusQueriesResponse> getListStatusQueriesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListStatusQueries",
      requestType = org.tabularium.credentials.v1.ListStatusQueriesRequest.class,
      responseType = org.tabularium.credentials.v1.ListStatusQueriesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<org.tabularium.credentials.v1.ListStatusQueriesRequest,
      org.tabularium.credentials.v1.ListStatusQueriesResponse> getListStatusQueriesMethod() {
    io.grpc.MethodDescriptor<org.tabularium.credentials.v1.ListStatusQueriesRequest, org.tabularium.credentials.v1.ListStatusQueriesResponse> getListStatusQueriesMethod;
    if ((getListStatusQueriesMethod = CredentialsServiceGrpc.getListStatusQueriesMethod) == null) {
      synchronized (CredentialsServiceGrpc.class) {
        if ((getListStatusQueriesMethod = CredentialsServiceGrpc.getListStatusQueriesMethod) == null) {
          CredentialsServiceGrpc.getListStatusQueriesMethod = getListStatusQueriesMethod =
              io.grpc.MethodDescriptor.<org.tabularium.credentials.v1.ListStatusQueriesRequest, org.tabularium.credentials.v1.ListStatusQueriesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListStatusQueries"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.ListStatusQueriesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  org.tabularium.credentials.v1.ListStatusQueriesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CredentialsServiceMethodDescriptorSupplier("ListStatusQueries"))
              .build();
        }
      }
    }
    return getListStatusQueriesMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static CredentialsServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceStub>() {
        @java.lang.Override
        public CredentialsServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CredentialsServiceStub(channel, callOptions);
        }
      };
    return CredentialsServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static CredentialsServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceBlockingV2Stub>() {
        @java.lang.Override
        public CredentialsServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CredentialsServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return CredentialsServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static CredentialsServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceBlockingStub>() {
        @java.lang.Override
        public CredentialsServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CredentialsServiceBlockingStub(channel, callOptions);
        }
      };
    return CredentialsServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static CredentialsServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CredentialsServiceFutureStub>() {
        @java.lang.Override
        public CredentialsServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CredentialsServiceFutureStub(channel, callOptions);
        }
      };
    return CredentialsServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Verification of credentials, presentations, status lists, and the issuer registry.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Verify a credential against the ledger: proof, validity period, structure, the issuer's
     * accreditation, registration and current status. Needs a signed request: each query is
     * recorded, and the credential's subject can list who asked (ListStatusQueries).
     * Errors: UNAUTHENTICATED, INVALID_ARGUMENT (CREDENTIAL_TOO_LARGE). An invalid credential is
     * not an error: the verdict says why.
     * </pre>
     */
    default void verifyCredential(org.tabularium.credentials.v1.VerifyCredentialRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.VerifyCredentialResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getVerifyCredentialMethod(), responseObserver);
    }

    /**
     * <pre>
     * Verify a verifiable presentation made for the caller: its eddsa-jcs-2022 (or rdfc)
     * authentication proof by a key of the holder, the challenge and domain the caller asked
     * for, that the holder is the subject of every credential, and each credential as
     * VerifyCredential does. A challenge is accepted once on this node: a second presentation
     * with it (to anyone) is CHALLENGE_REPLAYED. Needs a signed request; each credential's
     * subject can list the query (ListStatusQueries). Errors: UNAUTHENTICATED, INVALID_ARGUMENT
     * (PRESENTATION_TOO_LARGE, CHALLENGE_INVALID). An invalid presentation is not an error.
     * </pre>
     */
    default void verifyPresentation(org.tabularium.credentials.v1.VerifyPresentationRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.VerifyPresentationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getVerifyPresentationMethod(), responseObserver);
    }

    /**
     * <pre>
     * The DID document registered for a DID (RegisterDidDocument). Public.
     * Errors: NOT_FOUND (DID_DOCUMENT_UNKNOWN).
     * </pre>
     */
    default void getDidDocument(org.tabularium.credentials.v1.GetDidDocumentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetDidDocumentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetDidDocumentMethod(), responseObserver);
    }

    /**
     * <pre>
     * An issuer's status list as a BitstringStatusListCredential (JSON), secured with an
     * eddsa-jcs-2022 proof by this node's key (did:key of the checkpoint key), as of the latest
     * block. Public. Errors: NOT_FOUND (ISSUER_UNKNOWN).
     * </pre>
     */
    default void getStatusList(org.tabularium.credentials.v1.GetStatusListRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetStatusListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetStatusListMethod(), responseObserver);
    }

    /**
     * <pre>
     * Which credential types an issuer is accredited for. Public.
     * </pre>
     */
    default void getIssuer(org.tabularium.credentials.v1.GetIssuerRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetIssuerResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetIssuerMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every VerifyCredential and VerifyPresentation query about credentials whose subject is the
     * caller, newest first.
     * Needs a signed request by the subject.
     * </pre>
     */
    default void listStatusQueries(org.tabularium.credentials.v1.ListStatusQueriesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.ListStatusQueriesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListStatusQueriesMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service CredentialsService.
   * <pre>
   * Verification of credentials, presentations, status lists, and the issuer registry.
   * </pre>
   */
  public static abstract class CredentialsServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return CredentialsServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service CredentialsService.
   * <pre>
   * Verification of credentials, presentations, status lists, and the issuer registry.
   * </pre>
   */
  public static final class CredentialsServiceStub
      extends io.grpc.stub.AbstractAsyncStub<CredentialsServiceStub> {
    private CredentialsServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CredentialsServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CredentialsServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Verify a credential against the ledger: proof, validity period, structure, the issuer's
     * accreditation, registration and current status. Needs a signed request: each query is
     * recorded, and the credential's subject can list who asked (ListStatusQueries).
     * Errors: UNAUTHENTICATED, INVALID_ARGUMENT (CREDENTIAL_TOO_LARGE). An invalid credential is
     * not an error: the verdict says why.
     * </pre>
     */
    public void verifyCredential(org.tabularium.credentials.v1.VerifyCredentialRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.VerifyCredentialResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getVerifyCredentialMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Verify a verifiable presentation made for the caller: its eddsa-jcs-2022 (or rdfc)
     * authentication proof by a key of the holder, the challenge and domain the caller asked
     * for, that the holder is the subject of every credential, and each credential as
     * VerifyCredential does. A challenge is accepted once on this node: a second presentation
     * with it (to anyone) is CHALLENGE_REPLAYED. Needs a signed request; each credential's
     * subject can list the query (ListStatusQueries). Errors: UNAUTHENTICATED, INVALID_ARGUMENT
     * (PRESENTATION_TOO_LARGE, CHALLENGE_INVALID). An invalid presentation is not an error.
     * </pre>
     */
    public void verifyPresentation(org.tabularium.credentials.v1.VerifyPresentationRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.VerifyPresentationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getVerifyPresentationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The DID document registered for a DID (RegisterDidDocument). Public.
     * Errors: NOT_FOUND (DID_DOCUMENT_UNKNOWN).
     * </pre>
     */
    public void getDidDocument(org.tabularium.credentials.v1.GetDidDocumentRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetDidDocumentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetDidDocumentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * An issuer's status list as a BitstringStatusListCredential (JSON), secured with an
     * eddsa-jcs-2022 proof by this node's key (did:key of the checkpoint key), as of the latest
     * block. Public. Errors: NOT_FOUND (ISSUER_UNKNOWN).
     * </pre>
     */
    public void getStatusList(org.tabularium.credentials.v1.GetStatusListRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetStatusListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetStatusListMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Which credential types an issuer is accredited for. Public.
     * </pre>
     */
    public void getIssuer(org.tabularium.credentials.v1.GetIssuerRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetIssuerResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetIssuerMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every VerifyCredential and VerifyPresentation query about credentials whose subject is the
     * caller, newest first.
     * Needs a signed request by the subject.
     * </pre>
     */
    public void listStatusQueries(org.tabularium.credentials.v1.ListStatusQueriesRequest request,
        io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.ListStatusQueriesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListStatusQueriesMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service CredentialsService.
   * <pre>
   * Verification of credentials, presentations, status lists, and the issuer registry.
   * </pre>
   */
  public static final class CredentialsServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<CredentialsServiceBlockingV2Stub> {
    private CredentialsServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CredentialsServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CredentialsServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Verify a credential against the ledger: proof, validity period, structure, the issuer's
     * accreditation, registration and current status. Needs a signed request: each query is
     * recorded, and the credential's subject can list who asked (ListStatusQueries).
     * Errors: UNAUTHENTICATED, INVALID_ARGUMENT (CREDENTIAL_TOO_LARGE). An invalid credential is
     * not an error: the verdict says why.
     * </pre>
     */
    public org.tabularium.credentials.v1.VerifyCredentialResponse verifyCredential(org.tabularium.credentials.v1.VerifyCredentialRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getVerifyCredentialMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Verify a verifiable presentation made for the caller: its eddsa-jcs-2022 (or rdfc)
     * authentication proof by a key of the holder, the challenge and domain the caller asked
     * for, that the holder is the subject of every credential, and each credential as
     * VerifyCredential does. A challenge is accepted once on this node: a second presentation
     * with it (to anyone) is CHALLENGE_REPLAYED. Needs a signed request; each credential's
     * subject can list the query (ListStatusQueries). Errors: UNAUTHENTICATED, INVALID_ARGUMENT
     * (PRESENTATION_TOO_LARGE, CHALLENGE_INVALID). An invalid presentation is not an error.
     * </pre>
     */
    public org.tabularium.credentials.v1.VerifyPresentationResponse verifyPresentation(org.tabularium.credentials.v1.VerifyPresentationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getVerifyPresentationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The DID document registered for a DID (RegisterDidDocument). Public.
     * Errors: NOT_FOUND (DID_DOCUMENT_UNKNOWN).
     * </pre>
     */
    public org.tabularium.credentials.v1.GetDidDocumentResponse getDidDocument(org.tabularium.credentials.v1.GetDidDocumentRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetDidDocumentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * An issuer's status list as a BitstringStatusListCredential (JSON), secured with an
     * eddsa-jcs-2022 proof by this node's key (did:key of the checkpoint key), as of the latest
     * block. Public. Errors: NOT_FOUND (ISSUER_UNKNOWN).
     * </pre>
     */
    public org.tabularium.credentials.v1.GetStatusListResponse getStatusList(org.tabularium.credentials.v1.GetStatusListRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetStatusListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Which credential types an issuer is accredited for. Public.
     * </pre>
     */
    public org.tabularium.credentials.v1.GetIssuerResponse getIssuer(org.tabularium.credentials.v1.GetIssuerRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetIssuerMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every VerifyCredential and VerifyPresentation query about credentials whose subject is the
     * caller, newest first.
     * Needs a signed request by the subject.
     * </pre>
     */
    public org.tabularium.credentials.v1.ListStatusQueriesResponse listStatusQueries(org.tabularium.credentials.v1.ListStatusQueriesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListStatusQueriesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service CredentialsService.
   * <pre>
   * Verification of credentials, presentations, status lists, and the issuer registry.
   * </pre>
   */
  public static final class CredentialsServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<CredentialsServiceBlockingStub> {
    private CredentialsServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CredentialsServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CredentialsServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Verify a credential against the ledger: proof, validity period, structure, the issuer's
     * accreditation, registration and current status. Needs a signed request: each query is
     * recorded, and the credential's subject can list who asked (ListStatusQueries).
     * Errors: UNAUTHENTICATED, INVALID_ARGUMENT (CREDENTIAL_TOO_LARGE). An invalid credential is
     * not an error: the verdict says why.
     * </pre>
     */
    public org.tabularium.credentials.v1.VerifyCredentialResponse verifyCredential(org.tabularium.credentials.v1.VerifyCredentialRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getVerifyCredentialMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Verify a verifiable presentation made for the caller: its eddsa-jcs-2022 (or rdfc)
     * authentication proof by a key of the holder, the challenge and domain the caller asked
     * for, that the holder is the subject of every credential, and each credential as
     * VerifyCredential does. A challenge is accepted once on this node: a second presentation
     * with it (to anyone) is CHALLENGE_REPLAYED. Needs a signed request; each credential's
     * subject can list the query (ListStatusQueries). Errors: UNAUTHENTICATED, INVALID_ARGUMENT
     * (PRESENTATION_TOO_LARGE, CHALLENGE_INVALID). An invalid presentation is not an error.
     * </pre>
     */
    public org.tabularium.credentials.v1.VerifyPresentationResponse verifyPresentation(org.tabularium.credentials.v1.VerifyPresentationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getVerifyPresentationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The DID document registered for a DID (RegisterDidDocument). Public.
     * Errors: NOT_FOUND (DID_DOCUMENT_UNKNOWN).
     * </pre>
     */
    public org.tabularium.credentials.v1.GetDidDocumentResponse getDidDocument(org.tabularium.credentials.v1.GetDidDocumentRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetDidDocumentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * An issuer's status list as a BitstringStatusListCredential (JSON), secured with an
     * eddsa-jcs-2022 proof by this node's key (did:key of the checkpoint key), as of the latest
     * block. Public. Errors: NOT_FOUND (ISSUER_UNKNOWN).
     * </pre>
     */
    public org.tabularium.credentials.v1.GetStatusListResponse getStatusList(org.tabularium.credentials.v1.GetStatusListRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetStatusListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Which credential types an issuer is accredited for. Public.
     * </pre>
     */
    public org.tabularium.credentials.v1.GetIssuerResponse getIssuer(org.tabularium.credentials.v1.GetIssuerRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetIssuerMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every VerifyCredential and VerifyPresentation query about credentials whose subject is the
     * caller, newest first.
     * Needs a signed request by the subject.
     * </pre>
     */
    public org.tabularium.credentials.v1.ListStatusQueriesResponse listStatusQueries(org.tabularium.credentials.v1.ListStatusQueriesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListStatusQueriesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service CredentialsService.
   * <pre>
   * Verification of credentials, presentations, status lists, and the issuer registry.
   * </pre>
   */
  public static final class CredentialsServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<CredentialsServiceFutureStub> {
    private CredentialsServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CredentialsServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CredentialsServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Verify a credential against the ledger: proof, validity period, structure, the issuer's
     * accreditation, registration and current status. Needs a signed request: each query is
     * recorded, and the credential's subject can list who asked (ListStatusQueries).
     * Errors: UNAUTHENTICATED, INVALID_ARGUMENT (CREDENTIAL_TOO_LARGE). An invalid credential is
     * not an error: the verdict says why.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.credentials.v1.VerifyCredentialResponse> verifyCredential(
        org.tabularium.credentials.v1.VerifyCredentialRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getVerifyCredentialMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Verify a verifiable presentation made for the caller: its eddsa-jcs-2022 (or rdfc)
     * authentication proof by a key of the holder, the challenge and domain the caller asked
     * for, that the holder is the subject of every credential, and each credential as
     * VerifyCredential does. A challenge is accepted once on this node: a second presentation
     * with it (to anyone) is CHALLENGE_REPLAYED. Needs a signed request; each credential's
     * subject can list the query (ListStatusQueries). Errors: UNAUTHENTICATED, INVALID_ARGUMENT
     * (PRESENTATION_TOO_LARGE, CHALLENGE_INVALID). An invalid presentation is not an error.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.credentials.v1.VerifyPresentationResponse> verifyPresentation(
        org.tabularium.credentials.v1.VerifyPresentationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getVerifyPresentationMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The DID document registered for a DID (RegisterDidDocument). Public.
     * Errors: NOT_FOUND (DID_DOCUMENT_UNKNOWN).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.credentials.v1.GetDidDocumentResponse> getDidDocument(
        org.tabularium.credentials.v1.GetDidDocumentRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetDidDocumentMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * An issuer's status list as a BitstringStatusListCredential (JSON), secured with an
     * eddsa-jcs-2022 proof by this node's key (did:key of the checkpoint key), as of the latest
     * block. Public. Errors: NOT_FOUND (ISSUER_UNKNOWN).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.credentials.v1.GetStatusListResponse> getStatusList(
        org.tabularium.credentials.v1.GetStatusListRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetStatusListMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Which credential types an issuer is accredited for. Public.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.credentials.v1.GetIssuerResponse> getIssuer(
        org.tabularium.credentials.v1.GetIssuerRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetIssuerMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Every VerifyCredential and VerifyPresentation query about credentials whose subject is the
     * caller, newest first.
     * Needs a signed request by the subject.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<org.tabularium.credentials.v1.ListStatusQueriesResponse> listStatusQueries(
        org.tabularium.credentials.v1.ListStatusQueriesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListStatusQueriesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_VERIFY_CREDENTIAL = 0;
  private static final int METHODID_VERIFY_PRESENTATION = 1;
  private static final int METHODID_GET_DID_DOCUMENT = 2;
  private static final int METHODID_GET_STATUS_LIST = 3;
  private static final int METHODID_GET_ISSUER = 4;
  private static final int METHODID_LIST_STATUS_QUERIES = 5;

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
        case METHODID_VERIFY_CREDENTIAL:
          serviceImpl.verifyCredential((org.tabularium.credentials.v1.VerifyCredentialRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.VerifyCredentialResponse>) responseObserver);
          break;
        case METHODID_VERIFY_PRESENTATION:
          serviceImpl.verifyPresentation((org.tabularium.credentials.v1.VerifyPresentationRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.VerifyPresentationResponse>) responseObserver);
          break;
        case METHODID_GET_DID_DOCUMENT:
          serviceImpl.getDidDocument((org.tabularium.credentials.v1.GetDidDocumentRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetDidDocumentResponse>) responseObserver);
          break;
        case METHODID_GET_STATUS_LIST:
          serviceImpl.getStatusList((org.tabularium.credentials.v1.GetStatusListRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetStatusListResponse>) responseObserver);
          break;
        case METHODID_GET_ISSUER:
          serviceImpl.getIssuer((org.tabularium.credentials.v1.GetIssuerRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.GetIssuerResponse>) responseObserver);
          break;
        case METHODID_LIST_STATUS_QUERIES:
          serviceImpl.listStatusQueries((org.tabularium.credentials.v1.ListStatusQueriesRequest) request,
              (io.grpc.stub.StreamObserver<org.tabularium.credentials.v1.ListStatusQueriesResponse>) responseObserver);
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
          getVerifyCredentialMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.credentials.v1.VerifyCredentialRequest,
              org.tabularium.credentials.v1.VerifyCredentialResponse>(
                service, METHODID_VERIFY_CREDENTIAL)))
        .addMethod(
          getVerifyPresentationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.credentials.v1.VerifyPresentationRequest,
              org.tabularium.credentials.v1.VerifyPresentationResponse>(
                service, METHODID_VERIFY_PRESENTATION)))
        .addMethod(
          getGetDidDocumentMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.credentials.v1.GetDidDocumentRequest,
              org.tabularium.credentials.v1.GetDidDocumentResponse>(
                service, METHODID_GET_DID_DOCUMENT)))
        .addMethod(
          getGetStatusListMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.credentials.v1.GetStatusListRequest,
              org.tabularium.credentials.v1.GetStatusListResponse>(
                service, METHODID_GET_STATUS_LIST)))
        .addMethod(
          getGetIssuerMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.credentials.v1.GetIssuerRequest,
              org.tabularium.credentials.v1.GetIssuerResponse>(
                service, METHODID_GET_ISSUER)))
        .addMethod(
          getListStatusQueriesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              org.tabularium.credentials.v1.ListStatusQueriesRequest,
              org.tabularium.credentials.v1.ListStatusQueriesResponse>(
                service, METHODID_LIST_STATUS_QUERIES)))
        .build();
  }

  private static abstract class CredentialsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    CredentialsServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return org.tabularium.credentials.v1.CredentialsProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("CredentialsService");
    }
  }

  private static final class CredentialsServiceFileDescriptorSupplier
      extends CredentialsServiceBaseDescriptorSupplier {
    CredentialsServiceFileDescriptorSupplier() {}
  }

  private static final class CredentialsServiceMethodDescriptorSupplier
      extends CredentialsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    CredentialsServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (CredentialsServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new CredentialsServiceFileDescriptorSupplier())
              .addMethod(getVerifyCredentialMethod())
              .addMethod(getVerifyPresentationMethod())
              .addMethod(getGetDidDocumentMethod())
              .addMethod(getGetStatusListMethod())
              .addMethod(getGetIssuerMethod())
              .addMethod(getListStatusQueriesMethod())
              .build();
        }
      }
    }
    return result;
  }
}
